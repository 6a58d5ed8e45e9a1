package io.strangler.core;

import io.strangler.api.Revision;

import io.strangler.api.routing.KeySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteNotFoundException;
import io.strangler.api.RouteState;
import io.strangler.api.RoutingContext;
import io.strangler.api.Stage;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule about bad input to routes, definitions, states and the router: the exception type, and a message
 * that names the field and the bad value.
 */
class BadInputTest {

    interface Mailer {
        String send(String to);
    }

    interface Printer {
        String print(String text);
    }

    private final MigrationRouter router = Strangler.router()
            .clock(MutableClock.startingAt("2030-01-01T00:00:00Z"))
            .refreshInterval(Duration.ZERO)
            .meterRegistry(new SimpleMeterRegistry())
            .build();

    @AfterEach
    void close() {
        router.close();
    }

    private static RouteDefinition<Mailer> mailer(String name) {
        return RouteDefinition.builder(name, Mailer.class)
                .legacy(to -> "legacy " + to)
                .modern(to -> "modern " + to)
                .build();
    }

    // ------------------------------------------------------------------ route names and registration

    @Test
    void nullRouteNameIsRefusedNamingTheField() {
        assertThatThrownBy(() -> RouteDefinition.builder(null, Mailer.class))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("route name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void blankRouteNameIsRefusedNamingFieldAndValue(String name) {
        assertThatThrownBy(() -> RouteDefinition.builder(name, Mailer.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route name")
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void nullRouteTypeIsRefused() {
        assertThatThrownBy(() -> RouteDefinition.builder("mailer", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("type");
    }

    @Test
    void duplicateRegistrationIsRefusedAndKeepsTheFirstRoute() {
        Route<Mailer> first = router.register(mailer("mailer"));

        assertThatThrownBy(() -> router.register(mailer("mailer")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route name")
                .hasMessageContaining("'mailer'");
        assertThat(router.route("mailer")).isSameAs(first);
        assertThat(router.routes()).hasSize(1);
    }

    @Test
    void duplicateRegistrationOfAnotherTypeIsRefused() {
        router.register(mailer("shared"));

        assertThatThrownBy(() -> router.register(RouteDefinition.builder("shared", Printer.class)
                .legacy(t -> t).modern(t -> t).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'shared'");
        assertThat(router.route("shared").type()).isEqualTo(Mailer.class);
    }

    @Test
    void duplicateRoutesGivenToTheBuilderAreRefused() {
        RouterBuilder builder = Strangler.router().refreshInterval(Duration.ZERO)
                .route(mailer("mailer")).route(mailer("mailer"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mailer'");
    }

    @Test
    void registeringNullIsRefused() {
        assertThatThrownBy(() -> router.register(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("definition");
    }

    // ------------------------------------------------------------------ implementations

    @Test
    void nullLegacyIsRefusedAtTheSetterNamingTheSide() {
        RouteDefinition.Builder<Mailer> builder = RouteDefinition.builder("mailer", Mailer.class);

        assertThatThrownBy(() -> builder.legacy(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("legacy").hasMessageContaining("mailer");
    }

    @Test
    void nullModernIsRefusedAtTheSetterNamingTheSide() {
        RouteDefinition.Builder<Mailer> builder = RouteDefinition.builder("mailer", Mailer.class);

        assertThatThrownBy(() -> builder.modern(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("modern").hasMessageContaining("mailer");
    }

    @Test
    void missingLegacyIsRefusedAtBuild() {
        RouteDefinition.Builder<Mailer> builder = RouteDefinition.builder("mailer", Mailer.class)
                .modern(to -> to);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("legacy").hasMessageContaining("'mailer'");
    }

    @Test
    void missingModernIsRefusedAtBuild() {
        RouteDefinition.Builder<Mailer> builder = RouteDefinition.builder("mailer", Mailer.class)
                .legacy(to -> to);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("modern").hasMessageContaining("'mailer'");
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void implementationThatDoesNotImplementTheInterfaceIsRefused() {
        RouteDefinition.Builder raw = RouteDefinition.builder("mailer", Mailer.class);
        raw.legacy("not a mailer");
        raw.modern((Mailer) to -> to);

        assertThatThrownBy(raw::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("legacy")
                .hasMessageContaining(String.class.getName())
                .hasMessageContaining(Mailer.class.getName());

        RouteDefinition.Builder rawModern = RouteDefinition.builder("mailer", Mailer.class);
        rawModern.legacy((Mailer) to -> to);
        rawModern.modern((Printer) text -> text);
        assertThatThrownBy(rawModern::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("modern")
                .hasMessageContaining(Mailer.class.getName());
    }

    @Test
    void sameObjectAsLegacyAndModernIsRefused() {
        Mailer both = to -> to;
        RouteDefinition.Builder<Mailer> builder = RouteDefinition.builder("mailer", Mailer.class)
                .legacy(both).modern(both);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'mailer'").hasMessageContaining("same object");
    }

    @Test
    void initialStateOfAnotherRouteIsRefused() {
        RouteDefinition.Builder<Mailer> builder = RouteDefinition.builder("mailer", Mailer.class)
                .legacy(to -> to).modern(to -> to)
                .initialState(s -> RouteState.builder("printer"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'mailer'").hasMessageContaining("'printer'");
    }

    @Test
    void negativePinTtlIsRefusedNamingFieldAndValue() {
        RouteDefinition.Builder<Mailer> builder = RouteDefinition.builder("mailer", Mailer.class);

        assertThatThrownBy(() -> builder.keys(KeySettings.custom().pinFor(Duration.ofSeconds(-1)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pinTtl").hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> builder.keys(KeySettings.custom().pinFor(null).build())).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("pinTtl");
    }

    // ------------------------------------------------------------------ percentages, stages, segments

    @ParameterizedTest
    @ValueSource(doubles = {150, -1, 100.01, -0.001, Double.NaN, Double.POSITIVE_INFINITY})
    void percentageOutsideZeroToHundredIsRefusedNamingFieldAndValue(double percent) {
        RouteState.Builder builder = RouteState.builder("mailer");

        assertThatThrownBy(() -> builder.percentage(percent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percentage")
                .hasMessageContaining(String.valueOf(percent));
    }

    @Test
    void percentageOutsideZeroToHundredOnALiveRouteLeavesTheStateAlone() {
        Route<Mailer> route = router.register(RouteDefinition.builder("mailer", Mailer.class)
                .legacy(to -> to).modern(to -> to)
                .initialState(s -> s.stage(Stage.CANARY).percentage(10)).build());
        RouteState before = route.state();

        assertThatThrownBy(() -> route.setPercentage(150, "ops", "typo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("150");

        assertThat(route.state()).isEqualTo(before);
        assertThat(route.state().percentage()).isEqualTo(10);
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
    @ValueSource(strings = {"canery", "", "LEGACY_ONLY", "50%"})
    void unknownStageNameIsRefusedNamingFieldValueAndTheAcceptedNames(String value) {
        assertThatThrownBy(() -> Stage.parse("strangler.routes.mailer.stage", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strangler.routes.mailer.stage")
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("CANARY").hasMessageContaining("DUAL_WRITE");
    }

    @Test
    void nullStageNameIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Stage.parse("stage", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage").hasMessageContaining("null");
    }

    @Test
    void stageNamesParseIgnoringCaseAndDashes() {
        assertThat(Stage.parse("stage", "dual-write")).isEqualTo(Stage.DUAL_WRITE);
        assertThat(Stage.parse("stage", " Canary ")).isEqualTo(Stage.CANARY);
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
    void segmentForcedBothWaysOnALiveRouteLeavesTheStateAlone() {
        Route<Mailer> route = router.register(RouteDefinition.builder("mailer", Mailer.class)
                .legacy(to -> to).modern(to -> to)
                .initialState(s -> s.stage(Stage.CANARY).forceModern("beta")).build());
        RouteState before = route.state();

        assertThatThrownBy(() -> route.update("ops", "oops", s -> s.forceLegacy("beta")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'beta'");
        assertThat(route.state()).isEqualTo(before);
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
        assertThatThrownBy(() -> RoutingContext.builder().segment("  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segment")
                .hasMessageContaining("'  '");
    }

    @Test
    void blankCohortIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> RouteState.builder("mailer").cohort(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cohort")
                .hasMessageContaining("' '");
    }

    @Test
    void bucketingVersionBelowOneIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> RouteState.builder("mailer").bucketingVersion(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucketingVersion")
                .hasMessageContaining("0");
    }

    @Test
    void negativeVersionIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> new Revision(-3, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version")
                .hasMessageContaining("-3");
    }

    // ------------------------------------------------------------------ state changes

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankActorIsRefusedAndLeavesTheStateAlone(String actor) {
        Route<Mailer> route = router.register(mailer("mailer"));
        RouteState before = route.state();

        assertThatThrownBy(() -> route.setStage(Stage.CANARY, actor, "rollout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actor").hasMessageContaining("'" + actor + "'");
        assertThatThrownBy(() -> route.rollback(actor, "bad"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
        assertThat(route.state()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\t"})
    void blankReasonIsRefusedAndLeavesTheStateAlone(String reason) {
        Route<Mailer> route = router.register(mailer("mailer"));
        RouteState before = route.state();

        assertThatThrownBy(() -> route.setPercentage(5, "ops", reason))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason").hasMessageContaining("'" + reason + "'");
        assertThatThrownBy(() -> route.compareAndUpdate(before.version(), "ops", reason, s -> s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThat(route.state()).isEqualTo(before);
    }

    @Test
    void nullActorOrReasonIsRefusedNamingTheField() {
        Route<Mailer> route = router.register(mailer("mailer"));

        assertThatThrownBy(() -> route.setStage(Stage.CANARY, null, "x"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("actor");
        assertThatThrownBy(() -> route.setStage(Stage.CANARY, "ops", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> route.setStage(null, "ops", "x"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("stage");
    }

    @Test
    void changeReturningNoBuilderIsRefused() {
        Route<Mailer> route = router.register(mailer("mailer"));
        RouteState before = route.state();

        assertThatThrownBy(() -> route.update("ops", "bad change", s -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mailer'");
        assertThat(route.state()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ calls and lookups

    @Test
    void nullOperationOrCallIsRefused() {
        Route<Mailer> route = router.register(mailer("mailer"));

        assertThatThrownBy(() -> route.execute(null, "k", m -> m.send("k")))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("operation");
        assertThatThrownBy(() -> route.read("k", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("call");
        assertThatThrownBy(() -> route.writeAsync("k", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("call");
    }

    @Test
    void blankOperationNameIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> Operation.write(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operation name")
                .hasMessageContaining("' '");
        assertThatThrownBy(() -> Operation.read(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("operation name");
    }

    @Test
    void lookingUpARouteWithTheWrongTypeIsRefusedNamingBothTypes() {
        router.register(mailer("mailer"));

        assertThatThrownBy(() -> router.route("mailer", Printer.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mailer'")
                .hasMessageContaining(Mailer.class.getName())
                .hasMessageContaining(Printer.class.getName());
        assertThat(router.route("mailer", Mailer.class).name()).isEqualTo("mailer");
    }

    @Test
    void lookingUpAnUnknownRouteThrowsRouteNotFound() {
        router.register(mailer("mailer"));

        RouteNotFoundException e = catchThrowableOfType(RouteNotFoundException.class,
                () -> router.route("mailr"));

        assertThat(e).hasMessageContaining("'mailr'");
        assertThat(e.route()).isEqualTo("mailr");
        assertThatThrownBy(() -> router.route("mailr", Mailer.class)).isInstanceOf(RouteNotFoundException.class);
        assertThat(router.findRoute("mailr")).isEmpty();
    }
}
