package io.strangler.core.routing;

/**
 * A route's cumulative counters at one moment, as the recorders count them: every call a side's recorder saw, by
 * side. Two of these, subtracted, give what happened in between.
 *
 * @param legacyCalls calls legacy served, including those it served for a modern call that fell back
 * @param legacyErrors legacy calls that ended in an error
 * @param modernCalls calls routed to modern, including those that fell back and those its breaker refused
 * @param modernErrors modern calls that ended in an error with no fallback
 * @param modernFellBack modern calls that failed on modern and were served by legacy
 * @param breakerRefused modern calls that modern's open breaker sent to legacy without trying modern
 * @param shadowCompared shadow comparisons that concluded (match, mismatch or ignored)
 * @param shadowMismatches shadow comparisons that found a mismatch
 * @param integrityFailures dual writes whose read-back found the sides holding different data
 * @param pairedModernOnlyErrors shadow comparisons where modern failed and legacy did not
 * @param pairedLegacyOnlyErrors shadow comparisons where legacy failed and modern did not
 * @param breakerOpen whether modern's breaker is open now
 */
public record RouteCounters(long legacyCalls, long legacyErrors, long modernCalls, long modernErrors,
        long modernFellBack, long breakerRefused, long shadowCompared, long shadowMismatches, long integrityFailures,
        long pairedModernOnlyErrors, long pairedLegacyOnlyErrors, boolean breakerOpen) {

    /** No call seen: the base of a route registered with no traffic. */
    public static final RouteCounters ZERO = new RouteCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);

    /**
     * @param base counters taken earlier
     * @return the counts of what happened since {@code base}; the breaker state is this one's
     */
    public RouteCounters minus(RouteCounters base) {
        return new RouteCounters(legacyCalls - base.legacyCalls, legacyErrors - base.legacyErrors,
                modernCalls - base.modernCalls, modernErrors - base.modernErrors,
                modernFellBack - base.modernFellBack, breakerRefused - base.breakerRefused,
                shadowCompared - base.shadowCompared, shadowMismatches - base.shadowMismatches,
                integrityFailures - base.integrityFailures, pairedModernOnlyErrors - base.pairedModernOnlyErrors,
                pairedLegacyOnlyErrors - base.pairedLegacyOnlyErrors, breakerOpen);
    }

    /** @return the calls whose routing decision was modern, including the ones its open breaker refused */
    public long routedToModern() {
        return modernCalls;
    }

    /** @return every call the route routed: legacy's own calls plus every call routed to modern */
    public long routed() {
        return legacyCalls - modernFellBack - breakerRefused + modernCalls;
    }

    /**
     * @return the calls modern served, as the health triggers count them: a call that failed and fell back is a
     *         modern call with an error; a call the breaker refused is not a modern call
     */
    public long modernServed() {
        return modernCalls - breakerRefused;
    }

    /** @return modern's errors as the triggers count them: failures, whether or not legacy then served the call */
    public long modernFailures() {
        return modernErrors + modernFellBack;
    }

    /** @return legacy's calls as the triggers count them: without those served for a failed modern call */
    public long legacyServed() {
        return legacyCalls - modernFellBack;
    }
}
