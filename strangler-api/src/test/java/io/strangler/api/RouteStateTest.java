package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.shadow.ReadPreference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The meaning of a route state's numbers: what share modern serves, percentages in basis points, defaults; and its
 * revision, which stands beside the settings: {@code withRevision}, {@code sameSettings}, equality.
 */
class RouteStateTest {

    private static final Revision ALICE = new Revision(5, "alice", Instant.parse("2026-11-21T10:00:00Z"), "why");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LEGACY, 0", "DUAL_WRITE, 0", "SHADOW, 0", "CANARY, 2500", "MODERN, 10000", "RETIRED, 10000"})
    void theEffectiveShareOfModernFollowsTheStage(Stage stage, int effective) {
        RouteState state = RouteState.builder("r").stage(stage).percentage(25).build();
        assertThat(state.effectivePercentageBasisPoints()).isEqualTo(effective);
        assertThat(stage.servesModern()).isEqualTo(effective > 0);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"CANARY", "MODERN"})
    void aDisabledRouteServesNoModern(Stage stage) {
        RouteState state = RouteState.builder("r").stage(stage).percentage(25).enabled(false).build();
        assertThat(state.effectivePercentageBasisPoints()).isZero();
    }

    @Test
    void aRetiredRouteServesModernEvenDisabled() {
        RouteState state = RouteState.builder("r").stage(Stage.RETIRED).enabled(false).build();
        assertThat(state.effectivePercentageBasisPoints()).isEqualTo(RouteState.MAX_BASIS_POINTS);
    }

    @ParameterizedTest(name = "{0} % = {1} bp")
    @CsvSource({"0, 0", "0.01, 1", "0.004, 0", "0.005, 1", "12.34, 1234", "12.345, 1235", "33.333, 3333",
        "99.99, 9999", "100, 10000"})
    void percentagesAreStoredInBasisPointsRoundedToTheNearest(double percent, int basisPoints) {
        RouteState state = RouteState.builder("r").percentage(percent).build();
        assertThat(state.percentageBasisPoints()).isEqualTo(basisPoints);
        assertThat(state.percentage()).isEqualTo(basisPoints / 100.0);
        assertThat(RouteState.basisPoints("percentage", percent)).isEqualTo(basisPoints);
    }

    @Test
    void theDefaultsAreASafeStart() {
        RouteState state = RouteState.builder("cv-analyzer").build();
        assertThat(state.stage()).isEqualTo(Stage.LEGACY);
        assertThat(state.percentageBasisPoints()).isZero();
        assertThat(state.enabled()).isTrue();
        assertThat(state.fallbackToLegacy()).isTrue();
        assertThat(state.cohort()).isEqualTo("cv-analyzer");
        assertThat(state.bucketingVersion()).isEqualTo(RouteState.CURRENT_BUCKETING_VERSION);
        assertThat(state.version()).isZero();
        assertThat(state.revision().changedBy()).isNull();
        assertThat(state.revision()).isSameAs(Revision.INITIAL);
        assertThat(state.shadowSampleBasisPoints()).isEqualTo(RouteState.DEFAULT_SHADOW_SAMPLE_BASIS_POINTS)
                .isEqualTo(1_000);
        assertThat(state.dualWriteMode()).isEqualTo(DualWriteMode.SYNC);
        assertThat(state.readPreference()).isEqualTo(ReadPreference.SERVING);
        assertThat(state.forcedModernSegments()).isEmpty();
        assertThat(state.forcedLegacySegments()).isEmpty();
        assertThat(state.rolloutSegments()).isEmpty();
    }

    @Test
    void toBuilderKeepsEveryFieldAndStatesAreValues() {
        RouteState state = RouteState.builder("r").stage(Stage.CANARY).percentageBasisPoints(777).enabled(false)
                .fallbackToLegacy(false).forceModern("a").forceLegacy("b").limitToSegments("c").cohort("k")
                .build().withRevision(ALICE);
        RouteState copy = state.toBuilder().build().withRevision(state.revision());
        assertThat(copy).isEqualTo(state).hasSameHashCodeAs(state);
        assertThat(copy.sameSettings(state.toBuilder().build())).isTrue();
        assertThat(state.withRevision(new Revision(6, "alice", state.revision().changedAt(), "why")))
                .isNotEqualTo(state);
        assertThat(state.toBuilder().enabled(true).build()).isNotEqualTo(state);
        assertThat(state.withRevision(new Revision(5, "bob", state.revision().changedAt(), "why")))
                .isNotEqualTo(state);
        assertThat(state.toString()).contains("CANARY", "7.77", "DISABLED", "alice");
    }

    @Test
    void segmentSetsAreImmutableCopies() {
        List<String> segments = new ArrayList<>(List.of("internal"));
        RouteState state = RouteState.builder("r").forceModern(segments).build();
        segments.add("everyone");
        assertThat(state.forcedModernSegments()).containsExactly("internal");
        assertThatThrownBy(() -> state.forcedModernSegments().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ------------------------------------------------------------------ the revision beside the settings

    @Test
    void toBuilderTakesTheSettingsNotTheRevision() {
        RouteState state = RouteState.builder("r").stage(Stage.CANARY).build().withRevision(ALICE);
        assertThat(state.toBuilder().build().revision()).isEqualTo(Revision.INITIAL);
    }

    @Test
    void withRevisionKeepsEverySettingAndChangesOnlyTheRevision() {
        RouteState state = everySetting().build();
        RouteState revised = state.withRevision(ALICE);

        assertThat(revised.revision()).isEqualTo(ALICE);
        assertThat(revised.version()).isEqualTo(5);
        assertThat(revised.sameSettings(state)).isTrue();
        assertThat(revised).isNotEqualTo(state);
        assertThat(revised.withRevision(Revision.INITIAL)).isEqualTo(state);
        assertThat(revised.withRevision(ALICE)).as("the same revision: the same object").isSameAs(revised);
    }

    @Test
    void withRevisionRefusesNull() {
        RouteState state = RouteState.builder("r").build();
        assertThatThrownBy(() -> state.withRevision(null)).isInstanceOf(NullPointerException.class);
    }

    static Stream<Arguments> oneSettingChanged() {
        return Stream.<UnaryOperator<RouteState.Builder>>of(
                b -> b.stage(Stage.MODERN), b -> b.percentageBasisPoints(778), b -> b.enabled(true),
                b -> b.fallbackToLegacy(true), b -> b.shadowSampleBasisPoints(2_001),
                b -> b.dualWriteMode(DualWriteMode.SYNC), b -> b.readPreference(ReadPreference.SERVING),
                b -> b.forceModern("a", "a2"), b -> b.forceLegacy(), b -> b.limitToSegments("c", "d"),
                b -> b.cohort("other"), b -> b.bucketingVersion(3))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("oneSettingChanged")
    void sameSettingsComparesEverySettingButTheRevision(UnaryOperator<RouteState.Builder> change) {
        RouteState state = everySetting().build();
        RouteState changed = change.apply(state.toBuilder()).build();

        assertThat(state.sameSettings(changed)).isFalse();
        assertThat(state).isNotEqualTo(changed);
        assertThat(state.sameSettings(state.toBuilder().build().withRevision(ALICE))).isTrue();
    }

    @Test
    void aStateOfAnotherRouteHasOtherSettings() {
        assertThat(RouteState.builder("a").cohort("c").build().sameSettings(RouteState.builder("b").cohort("c")
                .build())).isFalse();
    }

    // ------------------------------------------------------------------ basis points

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "10000, 10000"})
    void requireBasisPointsAcceptsZeroToTenThousand(long basisPoints, int expected) {
        assertThat(RouteState.requireBasisPoints("field", basisPoints)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"-1", "10001", "4294967296"})
    void requireBasisPointsRefusesTheRestNamingFieldAndValue(long basisPoints) {
        assertThatThrownBy(() -> RouteState.requireBasisPoints("shadow.sample", basisPoints))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadow.sample must be between 0 and 10000, was " + basisPoints);
    }

    @Test
    void basisPointsRefusesAPercentageOutsideZeroToAHundredNamingFieldAndValue() {
        assertThatThrownBy(() -> RouteState.basisPoints("noise", 100.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("noise must be between 0 and 100 %, was 100.5");
        assertThatThrownBy(() -> RouteState.basisPoints("noise", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("noise must be between 0 and 100 %, was NaN");
    }

    /** A state whose every setting differs from the defaults. */
    private static RouteState.Builder everySetting() {
        return RouteState.builder("r").stage(Stage.CANARY).percentageBasisPoints(777).enabled(false)
                .fallbackToLegacy(false).shadowSampleBasisPoints(2_000).dualWriteMode(DualWriteMode.ASYNC)
                .readPreference(ReadPreference.FASTEST).forceModern("a").forceLegacy("b").limitToSegments("c")
                .cohort("k").bucketingVersion(2);
    }
}
