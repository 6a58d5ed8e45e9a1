package io.strangler.core;

import io.strangler.api.routing.KeySettings;

import io.strangler.api.resilience.FallbackSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Operation;
import io.strangler.api.OperationKind;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RoutingContext;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.annotation.Idempotent;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.annotation.Write;
import io.strangler.api.event.CallOutcome;
import io.strangler.api.event.RoutedEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.core.testing.FailureSwitch;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed proxy: classification from annotations, routing keys, identity methods, bad declarations. */
class ProxyTest {

    record Order(String tenantId, int lines) {
    }

    /** A bean with a getter; deliberately not public. */
    static final class Customer {
        private final String tenantId;

        Customer(String tenantId) {
            this.tenantId = tenantId;
        }

        public String getTenantId() {
            return tenantId;
        }
    }

    public interface Accounts {
        @Read
        String balance(@RoutingKey String accountId);

        String transfer(@RoutingKey String accountId, long cents);

        @Write
        String close(@RoutingKey String accountId);

        @Idempotent
        String rename(@RoutingKey String accountId, String name);

        @Read
        String ofOrder(@RoutingKey("tenantId") Order order);

        @Read
        String ofCustomer(@RoutingKey("tenantId") Customer customer);

        @Read
        String byNumber(@RoutingKey Long number);

        @Read
        String byUuid(@RoutingKey UUID id);

        @Read
        int count(@RoutingKey String accountId);

        void touch(@RoutingKey String accountId);

        @Read
        default String describe(@RoutingKey String accountId) {
            return side() + " describes " + accountId;
        }

        String side();
    }

    static class FakeAccounts implements Accounts {
        final String side;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger touches = new AtomicInteger();
        final FailureSwitch failure = new FailureSwitch();

        FakeAccounts(String side) {
            this.side = side;
        }

        private String answer(String what) {
            calls.incrementAndGet();
            failure.check();
            return side + " " + what;
        }

        @Override
        public String balance(String accountId) {
            return answer("balance " + accountId);
        }

        @Override
        public String transfer(String accountId, long cents) {
            return answer("transfer " + cents + " " + accountId);
        }

        @Override
        public String close(String accountId) {
            return answer("close " + accountId);
        }

        @Override
        public String rename(String accountId, String name) {
            return answer("rename " + accountId + " " + name);
        }

        @Override
        public String ofOrder(Order order) {
            return answer("order of " + order.tenantId());
        }

        @Override
        public String ofCustomer(Customer customer) {
            return answer("customer of " + customer.getTenantId());
        }

        @Override
        public String byNumber(Long number) {
            return answer("number " + number);
        }

        @Override
        public String byUuid(UUID id) {
            return answer("uuid " + id);
        }

        @Override
        public int count(String accountId) {
            answer("count");
            return side.length();
        }

        @Override
        public void touch(String accountId) {
            touches.incrementAndGet();
            answer("touch");
        }

        @Override
        public String side() {
            return side;
        }
    }

    private final List<RoutedEvent> events = new CopyOnWriteArrayList<>();
    private final MigrationRouter router = Strangler.router()
            .clock(MutableClock.startingAt("2030-01-01T00:00:00Z"))
            .refreshInterval(Duration.ZERO)
            .meterRegistry(new SimpleMeterRegistry())
            .listener(new RouterListener() {
                @Override
                public void onRouted(RoutedEvent event) {
                    events.add(event);
                }
            })
            .build();
    private final FakeAccounts legacy = new FakeAccounts("legacy");
    private final FakeAccounts modern = new FakeAccounts("modern");

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Accounts> route(UnaryOperator<RouteState.Builder> state) {
        return route(state, b -> b);
    }

    private Route<Accounts> route(UnaryOperator<RouteState.Builder> state,
            UnaryOperator<RouteDefinition.Builder<Accounts>> customise) {
        return router.register(customise.apply(RouteDefinition.builder("accounts", Accounts.class)
                .legacy(legacy)
                .modern(modern)
                .initialState(s -> state.apply(s.shadowSample(0))))
                .build());
    }

    private <T> Route<T> routeOf(String name, Class<T> type, T legacySide, T modernSide,
            UnaryOperator<RouteDefinition.Builder<T>> customise) {
        return router.register(customise.apply(RouteDefinition.builder(name, type)
                .legacy(legacySide)
                .modern(modernSide)
                .initialState(s -> s.shadowSample(0).stage(Stage.CANARY).percentage(50)))
                .build());
    }

    private RoutedEvent onlyEvent() {
        assertThat(events).hasSize(1);
        RoutedEvent event = events.get(0);
        events.clear();
        return event;
    }

    private String canaryKey(Route<?> route, Side target) {
        return IntStream.range(0, 10_000).mapToObj(i -> "acct-" + i)
                .filter(k -> route.decide(k) == target).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ classification

    @Test
    void readAnnotatedMethodIsARead() {
        Accounts accounts = route(s -> s.stage(Stage.LEGACY)).proxy();

        assertThat(accounts.balance("a-1")).isEqualTo("legacy balance a-1");

        RoutedEvent event = onlyEvent();
        assertThat(event.operation()).isEqualTo(Operation.read("balance"));
        assertThat(event.operation().kind()).isEqualTo(OperationKind.READ);
    }

    @Test
    void methodsDeclaredByNameOverrideTheirAnnotationsForInterfacesYouCannotAnnotate() {
        Accounts accounts = route(s -> s.stage(Stage.LEGACY),
                b -> b.reads("transfer").writes("balance").idempotentWrites("touch")).proxy();

        accounts.transfer("a-1", 500);
        assertThat(onlyEvent().operation()).isEqualTo(Operation.read("transfer"));
        accounts.balance("a-1");
        assertThat(onlyEvent().operation().kind()).isEqualTo(OperationKind.WRITE);
        accounts.touch("a-1");
        assertThat(onlyEvent().operation().isIdempotent()).isTrue();
    }

    @Test
    void methodNamesDeclaredForAnotherInterfaceOrTwiceAreRefusedAtBuild() {
        assertThatThrownBy(() -> route(s -> s, b -> b.reads("findAll")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("route 'accounts': " + Accounts.class.getName() + " has no method named "
                        + "'findAll'");
        assertThatThrownBy(() -> route(s -> s, b -> b.reads("close").writes("close")))
                .hasMessage("route 'accounts': methods [close] are declared both reads and writes");
    }

    @Test
    void unannotatedMethodIsANonIdempotentWrite() {
        Accounts accounts = route(s -> s.stage(Stage.LEGACY)).proxy();

        accounts.transfer("a-1", 500);

        Operation op = onlyEvent().operation();
        assertThat(op).isEqualTo(Operation.write("transfer"));
        assertThat(op.isIdempotent()).isFalse();
    }

    @Test
    void writeAnnotatedMethodIsANonIdempotentWrite() {
        Accounts accounts = route(s -> s.stage(Stage.LEGACY)).proxy();

        accounts.close("a-1");

        Operation op = onlyEvent().operation();
        assertThat(op.kind()).isEqualTo(OperationKind.WRITE);
        assertThat(op.isIdempotent()).isFalse();
        assertThat(op.name()).isEqualTo("close");
    }

    @Test
    void idempotentMethodIsAnIdempotentWrite() {
        Accounts accounts = route(s -> s.stage(Stage.LEGACY)).proxy();

        accounts.rename("a-1", "savings");

        assertThat(onlyEvent().operation()).isEqualTo(Operation.write("rename").idempotent());
    }

    @Test
    void classificationDecidesWhatFallsBack() {
        Accounts accounts = route(s -> s.stage(Stage.MODERN), b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build())).proxy();
        IllegalStateException failure = new IllegalStateException("modern down");
        modern.failure.set(failure);

        assertThat(accounts.balance("a-1")).isEqualTo("legacy balance a-1");
        assertThat(accounts.rename("a-1", "x")).isEqualTo("legacy rename a-1 x");
        assertThatThrownBy(() -> accounts.transfer("a-1", 5)).isSameAs(failure);
        assertThatThrownBy(() -> accounts.close("a-1")).isSameAs(failure);

        assertThat(legacy.calls).hasValue(2);
    }

    @Test
    void methodInheritedFromASuperInterfaceIsClassifiedFromItsAnnotations() {
        Route<Derived> route = routeOf("derived", Derived.class, k -> "legacy " + k, k -> "modern " + k,
                b -> b.initialState(s -> s.shadowSample(0).stage(Stage.LEGACY)));

        assertThat(route.proxy().base("k")).isEqualTo("legacy k");
        assertThat(onlyEvent().operation()).isEqualTo(Operation.read("base"));
    }

    interface Base {
        @Read
        String base(@RoutingKey String key);
    }

    interface Derived extends Base {
    }

    // ------------------------------------------------------------------ bad declarations

    interface ReadAndWrite {
        @Read
        @Write
        String confused(@RoutingKey String key);
    }

    interface TwoKeys {
        @Read
        String lookup(@RoutingKey String tenant, @RoutingKey String user);
    }

    interface Keyless {
        @Read
        String lookup(@RoutingKey String key);

        @Read
        String everything();
    }

    interface MissingProperty {
        @Read
        String lookup(@RoutingKey("tenant") Order order);
    }

    @Test
    void readAndWriteOnOneMethodIsRefusedNamingTheMethod() {
        Route<ReadAndWrite> route = routeOf("confused", ReadAndWrite.class, k -> "l", k -> "m", b -> b);

        assertThatThrownBy(route::proxy).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confused(String)")
                .hasMessageContaining("@Read").hasMessageContaining("@Write");
        String result = route.read("k", r -> r.confused("k"));
        assertThat(result).as("the route still works without its proxy").isIn("l", "m");
    }

    @Test
    void twoRoutingKeysAreRefusedAsAmbiguousNamingTheMethod() {
        Route<TwoKeys> route = routeOf("two-keys", TwoKeys.class, (t, u) -> "l", (t, u) -> "m", b -> b);

        assertThatThrownBy(route::proxy).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookup(String, String)")
                .hasMessageContaining("ambiguous");
    }

    @Test
    void requiredRoutingKeyMissingIsRefusedNamingTheMethod() {
        Keyless impl = new Keyless() {
            @Override
            public String lookup(String key) {
                return key;
            }

            @Override
            public String everything() {
                return "all";
            }
        };
        Keyless other = new Keyless() {
            @Override
            public String lookup(String key) {
                return key;
            }

            @Override
            public String everything() {
                return "all";
            }
        };
        Route<Keyless> route = routeOf("keyless", Keyless.class, impl, other, b -> b.keys(KeySettings.custom().requireRoutingKey(true).build()));

        assertThatThrownBy(route::proxy).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("everything()")
                .hasMessageContaining("@RoutingKey");
    }

    @Test
    void requiredRoutingKeyIsAcceptedWhenEveryMethodHasOne() {
        Route<Base> route = routeOf("keyed", Base.class, k -> "legacy " + k, k -> "modern " + k,
                b -> b.keys(KeySettings.custom().requireRoutingKey(true).build()));

        assertThat(route.proxy().base("k")).endsWith(" k");
    }

    @Test
    void withoutRequireRoutingKeyAKeylessMethodIsAllowed() {
        Route<Accounts> route = route(s -> s.stage(Stage.LEGACY));

        assertThat(route.proxy().side()).isEqualTo("legacy");
    }

    @Test
    void routingKeyPropertyThatDoesNotExistIsRefusedNamingPropertyAndType() {
        Route<MissingProperty> route = routeOf("missing", MissingProperty.class, o -> "l", o -> "m", b -> b);

        assertThatThrownBy(route::proxy).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"tenant\"")
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining("lookup(Order)");
    }

    // ------------------------------------------------------------------ routing keys

    @Test
    void keyParameterDecidesTheSide() {
        Route<Accounts> route = route(s -> s.stage(Stage.CANARY).percentage(50));
        Accounts accounts = route.proxy();

        for (int i = 0; i < 200; i++) {
            String key = "acct-" + i;
            String side = route.decide(key) == Side.MODERN ? "modern" : "legacy";
            assertThat(accounts.balance(key)).isEqualTo(side + " balance " + key);
        }
    }

    @Test
    void keyFromARecordComponent() {
        Route<Accounts> route = route(s -> s.stage(Stage.CANARY).percentage(50));
        String modernKey = canaryKey(route, Side.MODERN);
        String legacyKey = canaryKey(route, Side.LEGACY);

        assertThat(route.proxy().ofOrder(new Order(modernKey, 3))).isEqualTo("modern order of " + modernKey);
        assertThat(route.proxy().ofOrder(new Order(legacyKey, 3))).isEqualTo("legacy order of " + legacyKey);
        assertThat(events).extracting(RoutedEvent::key).containsExactly(modernKey, legacyKey);
    }

    @Test
    void keyFromABeanGetter() {
        Route<Accounts> route = route(s -> s.stage(Stage.CANARY).percentage(50));
        String modernKey = canaryKey(route, Side.MODERN);

        assertThat(route.proxy().ofCustomer(new Customer(modernKey))).isEqualTo("modern customer of " + modernKey);
        assertThat(onlyEvent().key()).isEqualTo(modernKey);
    }

    @Test
    void nullKeyParameterFallsBackToTheRoutingContextKey() throws Exception {
        Route<Accounts> route = route(s -> s.stage(Stage.CANARY).percentage(50));
        String modernKey = canaryKey(route, Side.MODERN);

        String result = RoutingContext.ofKey(modernKey).call(() -> route.proxy().balance(null));

        assertThat(result).isEqualTo("modern balance null");
        assertThat(onlyEvent().key()).isEqualTo(modernKey);
    }

    @Test
    void nullRecordWithAKeyPropertyFallsBackToTheRoutingContextKey() throws Exception {
        Route<Accounts> route = route(s -> s.stage(Stage.CANARY).percentage(50));
        String modernKey = canaryKey(route, Side.MODERN);

        RoutingContext.ofKey(modernKey).call(() -> route.proxy().ofOrder(new Order(null, 1)));

        assertThat(onlyEvent().key()).isEqualTo(modernKey);
    }

    @Test
    void nullKeyWithoutContextFollowsTheNullKeyPolicy() {
        Route<Accounts> route = route(s -> s.stage(Stage.CANARY).percentage(100));

        assertThat(route.proxy().balance(null)).isEqualTo("legacy balance null");
        assertThat(onlyEvent().key()).isNull();
    }

    @Test
    void nonStringKeysAreTurnedIntoStrings() {
        Route<Accounts> route = route(s -> s.stage(Stage.CANARY).percentage(50));
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

        route.proxy().byNumber(42L);
        route.proxy().byUuid(id);

        assertThat(events).extracting(RoutedEvent::key).containsExactly("42", id.toString());
        assertThat(events.get(0).side()).isEqualTo(route.decide("42"));
        assertThat(events.get(1).side()).isEqualTo(route.decide(id.toString()));
    }

    // ------------------------------------------------------------------ identity and shape

    @Test
    void equalsIsIdentity() {
        Route<Accounts> route = route(s -> s.stage(Stage.LEGACY));
        Accounts proxy = route.proxy();
        Route<Accounts> other = router.register(RouteDefinition.builder("other-accounts", Accounts.class)
                .legacy(new FakeAccounts("l2")).modern(new FakeAccounts("m2")).build());

        assertThat(proxy.equals(proxy)).isTrue();
        assertThat(proxy.equals(legacy)).isFalse();
        assertThat(proxy.equals(modern)).isFalse();
        assertThat(proxy.equals(other.proxy())).isFalse();
        assertThat(proxy.equals(null)).isFalse();
        assertThat(legacy.calls).hasValue(0);
        assertThat(modern.calls).hasValue(0);
    }

    @Test
    void hashCodeIsTheStableIdentityHash() {
        Accounts proxy = route(s -> s.stage(Stage.LEGACY)).proxy();

        int first = proxy.hashCode();

        assertThat(proxy.hashCode()).isEqualTo(first);
        assertThat(first).isEqualTo(System.identityHashCode(proxy));
    }

    @Test
    void toStringNamesTheRouteWithoutCallingEitherSide() {
        Accounts proxy = route(s -> s.stage(Stage.LEGACY)).proxy();

        assertThat(proxy.toString()).contains("accounts");
        assertThat(events).isEmpty();
    }

    @Test
    void proxyIsCreatedOnce() {
        Route<Accounts> route = route(s -> s.stage(Stage.LEGACY));

        assertThat(route.proxy()).isSameAs(route.proxy());
    }

    @Test
    void defaultInterfaceMethodIsRoutedToTheChosenSide() {
        Route<Accounts> route = route(s -> s.stage(Stage.MODERN));

        assertThat(route.proxy().describe("a-1")).isEqualTo("modern describes a-1");
        RoutedEvent event = onlyEvent();
        assertThat(event.side()).isEqualTo(Side.MODERN);
        assertThat(event.operation()).isEqualTo(Operation.read("describe"));
    }

    @Test
    void defaultMethodOverriddenByAnImplementationRunsThatImplementation() {
        FakeAccounts overriding = new FakeAccounts("legacy") {
            @Override
            public String describe(String accountId) {
                return "legacy's own description of " + accountId;
            }
        };
        Route<Accounts> route = router.register(RouteDefinition.builder("overriding", Accounts.class)
                .legacy(overriding).modern(modern).build());

        assertThat(route.proxy().describe("a-1")).isEqualTo("legacy's own description of a-1");
    }

    @Test
    void routeOverAClassCannotMakeAProxy() {
        Route<FakeAccounts> route = router.register(RouteDefinition.builder("by-class", FakeAccounts.class)
                .legacy(new FakeAccounts("legacy")).modern(new FakeAccounts("modern")).build());

        assertThatThrownBy(route::proxy).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("by-class")
                .hasMessageContaining(FakeAccounts.class.getName());
        String viaLambda = route.read("k", a -> a.balance("k"));
        assertThat(viaLambda).isEqualTo("legacy balance k");
    }

    private interface Secret {
        @Read
        String whisper(@RoutingKey String key);
    }

    @Test
    void nonPublicInterfaceIsProxied() {
        Route<Secret> route = routeOf("secret", Secret.class, k -> "legacy " + k, k -> "modern " + k,
                b -> b.initialState(s -> s.shadowSample(0).stage(Stage.MODERN)));

        assertThat(route.proxy().whisper("k")).isEqualTo("modern k");
    }

    @Test
    void voidMethodIsRouted() {
        Route<Accounts> route = route(s -> s.stage(Stage.MODERN));

        route.proxy().touch("a-1");

        // An unannotated method is a write: modern, authoritative in MODERN, takes it first, then legacy's copy.
        assertThat(modern.touches).hasValue(1);
        assertThat(legacy.touches).hasValue(1);
        RoutedEvent event = onlyEvent();
        assertThat(event.outcome()).isEqualTo(CallOutcome.SUCCESS);
        assertThat(event.operation()).isEqualTo(Operation.write("touch"));
    }

    @Test
    void primitiveReturnValueIsPassedThrough() {
        Route<Accounts> route = route(s -> s.stage(Stage.MODERN));

        assertThat(route.proxy().count("a-1")).isEqualTo("modern".length());
    }
}
