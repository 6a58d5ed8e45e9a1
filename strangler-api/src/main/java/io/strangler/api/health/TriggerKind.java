package io.strangler.api.health;

/**
 * The health triggers that can roll a route back, with their defaults from {@link TriggerSettings#ofDefaults()}.
 * Judgements of the built-in triggers are reported in the order of this enum's constants, then those of the
 * {@linkplain CustomTrigger custom triggers} in the order they were added.
 */
public enum TriggerKind {
    /** Modern's error rate is above a threshold (default 5 %) and above legacy's in the same window. */
    ERROR_RATE,
    /** Modern's p95 latency is above a multiple (default 2.0×) of legacy's p95 in the same window, or of the baseline. */
    LATENCY,
    /** Modern serves less than a fraction (default 90 %) of the calls its routed share should bring it. */
    THROUGHPUT,
    /**
     * The route's throughput (calls per second on both sides) is below a fraction (90 %) of the legacy baseline's,
     * captured before modern served traffic. Disabled by default, since traffic also falls for reasons of its own
     * (the time of day); its default action is {@code MANUAL}.
     */
    BASELINE_THROUGHPUT,
    /** The shadow comparison finds modern's answers differ from legacy's in more than a fraction (default 1 %) of reads. */
    MISMATCH_RATE,
    /** Dual-write verification found data that differ between the sides (default: any failure). */
    DATA_INTEGRITY,
    /** Modern's circuit breaker is open. */
    BREAKER_OPEN,
    /**
     * A {@link CustomTrigger}: a measure the application records per side (a business metric), against a threshold
     * or against legacy. Judgements of custom triggers carry the trigger's {@linkplain Judgement#name() name}.
     */
    CUSTOM
}
