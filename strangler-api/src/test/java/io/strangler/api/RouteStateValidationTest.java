package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of {@link RouteState.Builder}: the exception type, and a message that names the field and the bad
 * value.
 */
class RouteStateValidationTest {

    @Test
    void nullRouteIsRefusedNamingTheField() {
        assertThatThrownBy(() -> RouteState.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("route");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankRouteIsRefusedNamingFieldAndValue(String route) {
        assertThatThrownBy(() -> RouteState.builder(route)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route must not be blank, was '" + route + "'");
    }

    @ParameterizedTest
    @ValueSource(doubles = {150, -1, 100.01, -0.001, Double.NaN, Double.POSITIVE_INFINITY})
    void percentageOutsideZeroToHundredIsRefusedNamingFieldAndValue(double percent) {
        RouteState.Builder builder = RouteState.builder("mailer");

        assertThatThrownBy(() -> builder.percentage(percent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percentage")
                .hasMessageContaining(String.valueOf(percent));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_001, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void basisPointsOutsideZeroToTenThousandAreRefusedNamingFieldAndValue(int basisPoints) {
        RouteState.Builder builder = RouteState.builder("mailer");

        assertThatThrownBy(() -> builder.percentageBasisPoints(basisPoints))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percentageBasisPoints")
                .hasMessageContaining(String.valueOf(basisPoints));
    }

    @Test
    void percentageBoundsAreAccepted() {
        assertThat(RouteState.builder("m").percentage(0).build().percentageBasisPoints()).isZero();
        assertThat(RouteState.builder("m").percentage(100).build().percentageBasisPoints()).isEqualTo(10_000);
        assertThat(RouteState.builder("m").percentageBasisPoints(10_000).build().percentage()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 100.01, 250, Double.NaN})
    void aShadowSampleOutsideZeroToAHundredPercentIsRefused(double percent) {
        assertThatThrownBy(() -> RouteState.builder("catalog").shadowSample(percent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadowSample must be between 0 and 100 %, was " + percent);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_001})
    void aShadowSampleInBasisPointsOutsideItsRangeIsRefused(int basisPoints) {
        assertThatThrownBy(() -> RouteState.builder("catalog").shadowSampleBasisPoints(basisPoints))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadowSampleBasisPoints must be between 0 and 10000, was " + basisPoints);
    }

    @Test
    void theEdgesOfTheShadowSampleAreAccepted() {
        assertThat(RouteState.builder("catalog").shadowSample(0).build().shadowSampleBasisPoints()).isZero();
        assertThat(RouteState.builder("catalog").shadowSample(100).build().shadowSampleBasisPoints())
                .isEqualTo(10_000);
        assertThat(RouteState.builder("catalog").shadowSample(0.01).build().shadowSampleBasisPoints()).isEqualTo(1);
    }

    @Test
    void segmentForcedBothWaysIsRefusedNamingTheSegment() {
        RouteState.Builder builder = RouteState.builder("mailer").forceModern("internal", "beta")
                .forceLegacy("beta");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'beta'")
                .hasMessageContaining("forcedModernSegments").hasMessageContaining("forcedLegacySegments")
                .hasMessageContaining("'mailer'");
    }

    @Test
    void blankSegmentNameIsRefusedNamingTheField() {
        RouteState.Builder builder = RouteState.builder("mailer");

        assertThatThrownBy(() -> builder.forceModern("internal", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forcedModernSegments");
        assertThatThrownBy(() -> builder.forceLegacy(Arrays.asList("ok", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forcedLegacySegments")
                .hasMessageContaining("null");
        assertThatThrownBy(() -> builder.limitToSegments(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rolloutSegments");
    }

    @Test
    void aNullSegmentCollectionIsRefusedNamingTheField() {
        RouteState.Builder builder = RouteState.builder("mailer");

        assertThatThrownBy(() -> builder.forceModern((Collection<String>) null))
                .isInstanceOf(NullPointerException.class).hasMessage("forcedModernSegments");
        assertThatThrownBy(() -> builder.forceLegacy((Collection<String>) null))
                .isInstanceOf(NullPointerException.class).hasMessage("forcedLegacySegments");
        assertThatThrownBy(() -> builder.limitToSegments((Collection<String>) null))
                .isInstanceOf(NullPointerException.class).hasMessage("rolloutSegments");
    }

    @Test
    void blankCohortIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> RouteState.builder("mailer").cohort(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cohort")
                .hasMessageContaining("' '");
        assertThatThrownBy(() -> RouteState.builder("mailer").cohort(null))
                .isInstanceOf(NullPointerException.class).hasMessage("cohort");
    }

    @Test
    void bucketingVersionBelowOneIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> RouteState.builder("mailer").bucketingVersion(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucketingVersion")
                .hasMessageContaining("0");
    }

    @Test
    void nullEnumsAreRefusedNamingTheField() {
        RouteState.Builder builder = RouteState.builder("mailer");

        assertThatThrownBy(() -> builder.stage(null)).isInstanceOf(NullPointerException.class).hasMessage("stage");
        assertThatThrownBy(() -> builder.dualWriteMode(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dualWriteMode");
        assertThatThrownBy(() -> builder.readPreference(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("readPreference");
    }
}
