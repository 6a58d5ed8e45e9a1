package io.strangler.core.state;

import io.strangler.api.Revision;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any state the API can build survives the record's round trip: whatever the actor typed as a reason (quotes,
 * backslashes, control characters, any Unicode), whatever the segment and cohort names.
 */
class StateCodecPropertiesTest {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(24).filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars("\"\\/\b\f\n\r\t\u0000\u001f\u2028{}[]:,").ofMaxLength(20));
    }

    @Provide
    Arbitrary<RouteState> states() {
        Arbitrary<String> name = names();
        Arbitrary<Set<String>> segments = name.set().ofMaxSize(4);
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_102_444_800L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        Arbitrary<RouteState.Builder> base = Combinators.combine(name, Arbitraries.of(Stage.class),
                        Arbitraries.integers().between(0, 10_000), Arbitraries.of(true, false), name.injectNull(0.3))
                .as((route, stage, bp, fallback, cohort) -> {
                    RouteState.Builder b = RouteState.builder(route).stage(stage).percentageBasisPoints(bp)
                            .fallbackToLegacy(fallback);
                    return cohort == null ? b : b.cohort(cohort);
                });
        return Combinators.combine(base, segments, segments, segments, Arbitraries.longs().between(0,
                        Long.MAX_VALUE), text().injectNull(0.2), instants.injectNull(0.2), text().injectNull(0.2))
                .as((b, modern, legacy, rollout, version, actor, at, reason) -> {
                    List<String> legacyOnly = legacy.stream().filter(s -> !modern.contains(s)).toList();
                    return b.forceModern(modern).forceLegacy(legacyOnly).limitToSegments(rollout).build()
                            .withRevision(new Revision(version, actor, at, reason));
                });
    }

    @Property(tries = 1500)
    void everyStateSurvivesTheRoundTrip(@ForAll("states") RouteState state, @ForAll boolean enabled) {
        RouteState expected = state.toBuilder().enabled(enabled).build();
        String record = RouteStateCodec.encode(expected);
        assertThat(RouteStateCodec.decode(expected.route(), record, enabled)).isEqualTo(expected);
    }

    @Property(tries = 500)
    void theRecordHoldsNoRawControlCharacters(@ForAll("states") RouteState state) {
        String record = RouteStateCodec.encode(state);
        assertThat(record.chars().filter(c -> c < 0x20)).isEmpty();
    }
}
