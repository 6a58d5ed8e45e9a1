package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.dualwrite.DualWriteSettings;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.resilience.FallbackSettings;
import io.strangler.api.resilience.RetrySettings;
import io.strangler.api.routing.KeySettings;
import io.strangler.api.shadow.ShadowSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link RouteDefinition.Builder} refuses, at the setter or at {@code build()}, with a message naming the
 * route and what is wrong; and what a definition holds when nothing is set.
 */
class RouteDefinitionTest {

    interface Mailer {
        String send(String to);
    }

    interface Printer {
        String print(String text);
    }

    /** A store the mailers write to, which a verification reader reads back. */
    interface MailStore {
        String lastSentTo(String to);
    }

    interface StoringMailer extends Mailer, MailStore {
    }

    private static RouteDefinition.Builder<Mailer> mailer() {
        return RouteDefinition.builder("mailer", Mailer.class).legacy(to -> "legacy " + to).modern(to -> "modern " + to);
    }

    // ------------------------------------------------------------------ name and type

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

    // ------------------------------------------------------------------ initial state

    @Test
    void initialStateOfAnotherRouteIsRefused() {
        RouteDefinition.Builder<Mailer> builder = RouteDefinition.builder("mailer", Mailer.class)
                .legacy(to -> to).modern(to -> to)
                .initialState(s -> RouteState.builder("printer"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'mailer'").hasMessageContaining("'printer'");
    }

    @Test
    void theInitialStateIsBuiltFromTheDefaults() {
        RouteDefinition<Mailer> definition = mailer().initialState(s -> s.stage(Stage.CANARY).percentage(5)).build();

        assertThat(definition.initialState()).isEqualTo(RouteState.builder("mailer").stage(Stage.CANARY)
                .percentage(5).build());
        assertThat(mailer().build().initialState()).isEqualTo(RouteState.builder("mailer").build());
    }

    @Test
    void dualWritesOffAreRefusedOnARouteThatDoesNotAllowALossyRollback() {
        RouteDefinition.Builder<Mailer> builder = mailer().initialState(s -> s.dualWriteMode(DualWriteMode.OFF));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'mailer'").hasMessageContaining("dualWriteMode OFF")
                .hasMessageContaining("allowLossyRollback").hasMessageContaining("stateless");
    }

    @Test
    void dualWritesOffAreAcceptedOnARouteThatAllowsALossyRollbackOrIsStateless() {
        assertThat(mailer().initialState(s -> s.dualWriteMode(DualWriteMode.OFF))
                .dualWrites(DualWriteSettings.custom().allowLossyRollback(true).build()).build()
                .initialState().dualWriteMode()).isEqualTo(DualWriteMode.OFF);
        assertThat(mailer().initialState(s -> s.dualWriteMode(DualWriteMode.OFF))
                .dualWrites(DualWriteSettings.stateless()).build()
                .initialState().dualWriteMode()).isEqualTo(DualWriteMode.OFF);
    }

    @Test
    void aNullInitialStateIsRefused() {
        assertThatThrownBy(() -> mailer().initialState(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("initialState");
    }

    // ------------------------------------------------------------------ dual-write verification

    @Test
    void aVerificationReaderOfAnotherTypeIsRefusedNamingBothTypes() {
        RouteDefinition.Builder<Mailer> builder = mailer()
                .dualWrites(DualWriteSettings.custom().verify(5, MailStore.class, MailStore::lastSentTo).build());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'mailer'").hasMessageContaining("dualWrites.verify")
                .hasMessageContaining(MailStore.class.getName()).hasMessageContaining(Mailer.class.getName());
    }

    @Test
    void aVerificationReaderOfTheRoutesTypeOrASupertypeIsAccepted() {
        StoringMailer legacy = new StoringMailer() {
            @Override
            public String send(String to) {
                return "legacy " + to;
            }

            @Override
            public String lastSentTo(String to) {
                return to;
            }
        };
        StoringMailer modern = new StoringMailer() {
            @Override
            public String send(String to) {
                return "modern " + to;
            }

            @Override
            public String lastSentTo(String to) {
                return to;
            }
        };
        DualWriteSettings verifyStore = DualWriteSettings.custom().verify(5, MailStore.class, MailStore::lastSentTo)
                .build();

        RouteDefinition<StoringMailer> definition = RouteDefinition.builder("mailer", StoringMailer.class)
                .legacy(legacy).modern(modern).dualWrites(verifyStore).build();

        assertThat(definition.dualWrites().verificationType()).isEqualTo(MailStore.class);
        assertThat(RouteDefinition.builder("mailer", StoringMailer.class).legacy(legacy).modern(modern)
                .dualWrites(DualWriteSettings.custom().verify(5, StoringMailer.class, (m, key) -> m.lastSentTo(key))
                        .build())
                .build().dualWrites().verificationType()).isEqualTo(StoringMailer.class);
    }

    // ------------------------------------------------------------------ settings groups

    @Test
    void everyGroupHasItsDefaults() {
        RouteDefinition<Mailer> definition = mailer().build();

        assertThat(definition.name()).isEqualTo("mailer");
        assertThat(definition.type()).isEqualTo(Mailer.class);
        assertThat(definition.keys()).isSameAs(KeySettings.ofDefaults());
        assertThat(definition.circuitBreaker()).isEqualTo(CircuitBreakerSettings.ofDefaults());
        assertThat(definition.retry()).isEqualTo(RetrySettings.none());
        assertThat(definition.fallback()).isSameAs(FallbackSettings.ofDefaults());
        assertThat(definition.shadow()).isSameAs(ShadowSettings.ofDefaults());
        assertThat(definition.dualWrites()).isSameAs(DualWriteSettings.ofDefaults());
        assertThat(definition.toString()).contains("mailer", Mailer.class.getName());
    }

    @Test
    void theGroupsSetAreKept() {
        KeySettings keys = KeySettings.custom().pinFor(Duration.ofHours(1)).build();
        CircuitBreakerSettings breaker = CircuitBreakerSettings.custom().failureRateThreshold(25).build();
        RetrySettings retry = RetrySettings.of(3, Duration.ofMillis(20));
        FallbackSettings fallback = FallbackSettings.custom().idempotentWrites(true).build();
        ShadowSettings shadow = ShadowSettings.custom().timeout(Duration.ofMillis(500)).build();
        DualWriteSettings dualWrites = DualWriteSettings.stateless();

        RouteDefinition<Mailer> definition = mailer().keys(keys).circuitBreaker(breaker).retry(retry)
                .fallback(fallback).shadow(shadow).dualWrites(dualWrites).build();

        assertThat(definition.keys()).isSameAs(keys);
        assertThat(definition.circuitBreaker()).isSameAs(breaker);
        assertThat(definition.retry()).isSameAs(retry);
        assertThat(definition.fallback()).isSameAs(fallback);
        assertThat(definition.shadow()).isSameAs(shadow);
        assertThat(definition.dualWrites()).isSameAs(dualWrites);
    }

    @Test
    void nullGroupsAreRefusedNamingTheGroup() {
        RouteDefinition.Builder<Mailer> builder = mailer();

        assertThatThrownBy(() -> builder.keys(null)).isInstanceOf(NullPointerException.class).hasMessage("keys");
        assertThatThrownBy(() -> builder.circuitBreaker(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("circuitBreaker");
        assertThatThrownBy(() -> builder.retry(null)).isInstanceOf(NullPointerException.class).hasMessage("retry");
        assertThatThrownBy(() -> builder.fallback(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("fallback");
        assertThatThrownBy(() -> builder.shadow(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("shadow");
        assertThatThrownBy(() -> builder.dualWrites(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dualWrites");
    }
}
