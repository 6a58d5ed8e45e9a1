package io.strangler.examples.demo;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps virtual time from running ahead of wall time by more than the speed asks, so that a person can follow the
 * live view: after a tick at virtual {@code t} it waits until {@code t / speed} of wall time has passed since the
 * start. It only ever waits for the view; the rollout never waits on it, and {@code --speed max} never waits.
 */
final class Pacer {

    private final double speed;
    private final long wallStart = System.nanoTime();

    /**
     * A pacer.
     *
     * @param speed virtual seconds per wall second; infinite for none
     */
    Pacer(double speed) {
        this.speed = speed;
    }

    /**
     * Waits, if the run is ahead of its pace.
     *
     * @param virtualElapsed virtual time since the start
     */
    void pace(Duration virtualElapsed) {
        if (Double.isInfinite(speed)) {
            return;
        }
        long due = wallStart + (long) (virtualElapsed.toNanos() / speed);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
