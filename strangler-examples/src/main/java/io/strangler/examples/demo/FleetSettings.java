package io.strangler.examples.demo;

import java.time.Duration;
import java.util.UUID;

/** What the two fleet backends share: the lease and the run's own names. */
final class FleetSettings {

    /**
     * The controller lease: four ticks long (a tick every 30 virtual seconds), so that the holder renews it well
     * before it runs out; the lease runs on the virtual clock, as every controller time does.
     */
    static final Duration LEASE = Duration.ofMinutes(2);

    private FleetSettings() {
    }

    /** A name no other run uses: the start, then 12 random hex digits. */
    static String uniqueName(String start) {
        return start + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
