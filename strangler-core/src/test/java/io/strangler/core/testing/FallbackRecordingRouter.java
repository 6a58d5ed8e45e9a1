package io.strangler.core.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.event.FallbackEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.core.Strangler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A router for call-path tests: a fixed clock, no background refresh, a meter registry, and every fallback kept. */
public final class FallbackRecordingRouter {

    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final List<FallbackEvent> fallbacks = new CopyOnWriteArrayList<>();
    public final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    public final MigrationRouter router = Strangler.router()
            .clock(clock)
            .refreshInterval(Duration.ZERO)
            .meterRegistry(registry)
            .listener(new RouterListener() {
                @Override
                public void onFallback(FallbackEvent event) {
                    fallbacks.add(event);
                }
            })
            .build();
}
