package io.strangler.examples.spring;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

/**
 * Switches that make the modern store misbehave on purpose, for a demonstration or a test of the migration: answer
 * in its canonical form (what a modern release that "cleans up" skill names would do), or fail a share of its
 * calls (what a modern database in trouble does). Both are off unless switched on; nothing in the legacy store looks
 * at them. Thread-safe.
 */
@Component
public class ModernFaults {

    private volatile boolean canonicalAnswers;
    private volatile int failurePercentage;
    private final AtomicLong calls = new AtomicLong();

    /** Switches, all off. */
    public ModernFaults() {
    }

    /**
     * Makes the modern store answer the canonical (lower-case) names it keeps for search instead of the names as
     * the user wrote them: a difference the shadow comparison must catch.
     *
     * @param on whether modern answers canonical names
     */
    public void canonicalAnswers(boolean on) {
        this.canonicalAnswers = on;
    }

    /**
     * Whether the modern store answers canonical names.
     *
     * @return whether the modern store answers canonical names
     */
    public boolean canonicalAnswers() {
        return canonicalAnswers;
    }

    /**
     * Makes that share of the modern store's calls fail, spread evenly over the calls (at 30 %, 3 calls of every 10)
     * rather than drawn at random, so that a run sees the same failures every time and no burst of them.
     *
     * @param percentage 0 (no failure) to 100
     * @throws IllegalArgumentException if {@code percentage} is outside [0, 100]
     */
    public void failPercentage(int percentage) {
        if (percentage < 0 || percentage > 100) {
            throw new IllegalArgumentException("percentage must be between 0 and 100, was " + percentage);
        }
        this.failurePercentage = percentage;
    }

    /** Switches everything off. */
    public void reset() {
        canonicalAnswers = false;
        failurePercentage = 0;
    }

    /**
     * Called by the modern store before each call: throws for the calls that are to fail.
     *
     * @param operation what the store was asked to do, for the message
     * @throws TransientDataAccessResourceException for the share of calls set by {@link #failPercentage(int)}
     */
    void beforeCall(String operation) {
        int p = failurePercentage;
        if (p == 0) {
            return;
        }
        long n = calls.getAndIncrement();
        // the n-th call fails when the count of failures due so far steps up: p of every 100, evenly spread
        if ((n + 1) * p / 100 > n * p / 100) {
            throw new TransientDataAccessResourceException("modern skill store: " + operation + " failed (fault "
                    + "injected by ModernFaults, " + p + "% of calls)");
        }
    }
}
