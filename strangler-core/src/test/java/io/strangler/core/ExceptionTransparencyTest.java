package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.core.testing.FailureSwitch;
import io.strangler.core.testing.MutableClock;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The caller sees the serving side's own exception object, unwrapped and unmodified. */
class ExceptionTransparencyTest {

    interface Ledger {
        @Read
        long balance(@RoutingKey String account) throws IOException;

        void post(@RoutingKey String account, long cents) throws SQLException;
    }

    /** Throws what it is told to; a checked exception the method does not declare is thrown sneakily. */
    static final class FakeLedger implements Ledger {
        final FailureSwitch failure = new FailureSwitch();
        int calls;

        @Override
        public long balance(String account) throws IOException {
            calls++;
            failIfTold();
            return 100;
        }

        @Override
        public void post(String account, long cents) throws SQLException {
            calls++;
            failIfTold();
        }

        private void failIfTold() {
            failure.check();
        }
    }

    private final MigrationRouter router = Strangler.router()
            .clock(MutableClock.startingAt("2030-01-01T00:00:00Z"))
            .refreshInterval(Duration.ZERO)
            .meterRegistry(new SimpleMeterRegistry())
            .build();
    private final FakeLedger legacy = new FakeLedger();
    private final FakeLedger modern = new FakeLedger();

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Ledger> route(Stage stage, boolean fallback) {
        return router.register(RouteDefinition.builder("ledger", Ledger.class)
                .legacy(legacy)
                .modern(modern)
                .initialState(s -> s.shadowSample(0).stage(stage).fallbackToLegacy(fallback))
                .build());
    }

    private static void assertUntouched(Throwable t) {
        assertThat(t.getSuppressed()).isEmpty();
        assertThat(t).isNotInstanceOfAny(UndeclaredThrowableException.class, InvocationTargetException.class,
                CompletionException.class, ExecutionException.class);
    }

    @Test
    void checkedExceptionOfLegacyReachesTheCallerAsItsDeclaredType() {
        Route<Ledger> route = route(Stage.LEGACY, true);
        IOException failure = new IOException("disk gone");
        legacy.failure.set(failure);

        IOException caught = null;
        try {
            // Compiles only because read(...) is inferred to throw IOException.
            route.read("acc-1", ledger -> ledger.balance("acc-1"));
        } catch (IOException e) {
            caught = e;
        }

        assertThat(caught).isSameAs(failure);
        assertThat(caught.getCause()).isNull();
        assertUntouched(caught);
    }

    @Test
    void checkedExceptionOfModernReachesTheCallerWhenThereIsNoFallback() {
        Route<Ledger> route = route(Stage.MODERN, false);
        SQLException failure = new SQLException("constraint violated", "23505");
        modern.failure.set(failure);

        SQLException caught = null;
        try {
            route.write("acc-1", ledger -> {
                ledger.post("acc-1", 5);
                return null;
            });
        } catch (SQLException e) {
            caught = e;
        }

        assertThat((Throwable) caught).isSameAs(failure);
        assertUntouched(caught);
    }

    @Test
    void checkedExceptionPassesThroughExecute() {
        Route<Ledger> route = route(Stage.MODERN, false);
        IOException failure = new IOException("modern broke");
        modern.failure.set(failure);

        Throwable thrown = catchThrowable(
                () -> route.execute(Operation.read("balance"), "acc-1", ledger -> ledger.balance("acc-1")));

        assertThat(thrown).isSameAs(failure);
    }

    @Test
    void runtimeExceptionOfModernIsTheSameInstance() {
        Route<Ledger> route = route(Stage.MODERN, false);
        IllegalStateException failure = new IllegalStateException("modern broke");
        modern.failure.set(failure);

        Throwable thrown = catchThrowable(() -> route.read("acc-1", ledger -> ledger.balance("acc-1")));

        assertThat(thrown).isSameAs(failure);
        assertUntouched(thrown);
        assertThat(thrown.getStackTrace()).isEqualTo(failure.getStackTrace());
    }

    @Test
    void checkedExceptionThroughTheProxyIsNotWrapped() {
        Route<Ledger> route = route(Stage.MODERN, false);
        IOException failure = new IOException("modern broke");
        modern.failure.set(failure);
        Ledger ledger = route.proxy();

        Throwable thrown = catchThrowable(() -> ledger.balance("acc-1"));

        assertThat(thrown).isSameAs(failure);
        assertUntouched(thrown);
    }

    @Test
    void runtimeExceptionAndErrorThroughTheProxyAreNotWrapped() {
        Route<Ledger> route = route(Stage.LEGACY, true);
        Ledger ledger = route.proxy();

        IllegalArgumentException bad = new IllegalArgumentException("negative amount");
        legacy.failure.set(bad);
        assertThat(catchThrowable(() -> ledger.post("acc-1", -1))).isSameAs(bad);

        AssertionError error = new AssertionError("invariant broken");
        legacy.failure.set(error);
        assertThat(catchThrowable(() -> ledger.post("acc-1", 1))).isSameAs(error);
    }

    @Test
    void errorsReachTheCallerUnwrapped() {
        Route<Ledger> route = route(Stage.MODERN, false);
        StackOverflowError overflow = new StackOverflowError("deep");
        modern.failure.set(overflow);

        assertThatThrownBy(() -> route.read("acc-1", ledger -> ledger.balance("acc-1"))).isSameAs(overflow);

        ExceptionInInitializerError init = new ExceptionInInitializerError("static init failed");
        modern.failure.set(init);
        assertThatThrownBy(() -> route.proxy().balance("acc-1")).isSameAs(init);
    }

    @Test
    void whenTheFallbackFailsTooTheCallerSeesLegacysOwnException() {
        Route<Ledger> route = route(Stage.MODERN, true);
        IOException modernFailure = new IOException("modern broke");
        IOException legacyFailure = new IOException("legacy broke too");
        modern.failure.set(modernFailure);
        legacy.failure.set(legacyFailure);

        Throwable viaLambda = catchThrowable(() -> route.read("acc-1", ledger -> ledger.balance("acc-1")));
        Throwable viaProxy = catchThrowable(() -> route.proxy().balance("acc-1"));

        assertThat(viaLambda).isSameAs(legacyFailure);
        assertThat(viaProxy).isSameAs(legacyFailure);
        assertUntouched(legacyFailure);
        assertThat(legacyFailure.getCause()).isNull();
        assertThat(modern.calls).isEqualTo(2);
        assertThat(legacy.calls).isEqualTo(2);
        assertThat(route.stats().modern().fallbacks()).isEqualTo(2);
        assertThat(route.stats().legacy().errors()).isEqualTo(2);
    }

    @Test
    void undeclaredCheckedExceptionFromALambdaIsNotWrapped() {
        Route<Ledger> route = route(Stage.MODERN, false);
        Exception failure = new Exception("plain checked");

        Throwable thrown = catchThrowable(() -> route.read("acc-1", ledger -> {
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
    }
}
