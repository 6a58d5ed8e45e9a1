package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteNotFoundException;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule about bad input to live routes and the router: the exception type, a message that names the field and
 * the bad value, and a state left as it was. The rules of the API's own types (definitions, states, settings,
 * operations, contexts) are tested in strangler-api.
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

    // ------------------------------------------------------------------ registration

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

    // ------------------------------------------------------------------ bad states on a live route

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
