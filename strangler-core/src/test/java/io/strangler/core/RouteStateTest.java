package io.strangler.core;

import io.strangler.api.Revision;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The meaning of a route state's numbers: what share modern serves, percentages in basis points, defaults. */
class RouteStateTest {

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

    @ParameterizedTest(name = "{0} % = {1} bp")
    @CsvSource({"0, 0", "0.01, 1", "0.004, 0", "0.005, 1", "12.34, 1234", "12.345, 1235", "33.333, 3333",
        "99.99, 9999", "100, 10000"})
    void percentagesAreStoredInBasisPointsRoundedToTheNearest(double percent, int basisPoints) {
        RouteState state = RouteState.builder("r").percentage(percent).build();
        assertThat(state.percentageBasisPoints()).isEqualTo(basisPoints);
        assertThat(state.percentage()).isEqualTo(basisPoints / 100.0);
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
    }

    @Test
    void toBuilderKeepsEveryFieldAndStatesAreValues() {
        RouteState state = RouteState.builder("r").stage(Stage.CANARY).percentageBasisPoints(777).enabled(false)
                .fallbackToLegacy(false).forceModern("a").forceLegacy("b").limitToSegments("c").cohort("k")
                .build().withRevision(new Revision(5, "alice", Instant.parse("2026-11-21T10:00:00Z"), "why"));
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
        java.util.List<String> segments = new java.util.ArrayList<>(java.util.List.of("internal"));
        RouteState state = RouteState.builder("r").forceModern(segments).build();
        segments.add("everyone");
        assertThat(state.forcedModernSegments()).containsExactly("internal");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> state.forcedModernSegments().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
