package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The current thread's routing context: attaching, restoring, carrying it to another thread, and bad input. */
class RoutingContextTest {

    @AfterEach
    void nothingLeftAttached() {
        assertThat(RoutingContext.current()).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void blankSegmentIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> RoutingContext.builder().segment("  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segment")
                .hasMessageContaining("'  '");
        assertThatThrownBy(() -> RoutingContext.builder().segments("beta", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("segment must not be blank, was ''");
    }

    @Test
    void nullAttributesAndKeysAreRefusedNamingThem() {
        assertThatThrownBy(() -> RoutingContext.builder().attribute(null, "v"))
                .isInstanceOf(NullPointerException.class).hasMessage("attribute name");
        assertThatThrownBy(() -> RoutingContext.builder().attribute("tenant", null))
                .isInstanceOf(NullPointerException.class).hasMessage("tenant");
        assertThatThrownBy(() -> RoutingContext.ofKey(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("routingKey");
        assertThatThrownBy(() -> RoutingContext.EMPTY.wrap(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("task");
    }

    @Test
    void aThreadWithNoContextHasTheEmptyOne() {
        RoutingContext none = RoutingContext.current();

        assertThat(none).isSameAs(RoutingContext.EMPTY);
        assertThat(none.routingKey()).isNull();
        assertThat(none.segments()).isEmpty();
        assertThat(none.attributes()).isEmpty();
        assertThat(none.isShadow()).isFalse();
    }

    @Test
    void aScopeRestoresThePreviousContext() {
        RoutingContext outer = RoutingContext.ofKey("user-1");
        RoutingContext inner = RoutingContext.builder().routingKey("user-2").segment("beta").build();

        try (RoutingContext.Scope a = outer.attach()) {
            try (RoutingContext.Scope b = inner.attach()) {
                assertThat(RoutingContext.current()).isSameAs(inner);
                assertThat(RoutingContext.current().inSegment("beta")).isTrue();
            }
            assertThat(RoutingContext.current()).isSameAs(outer);
        }
    }

    @Test
    void aScopeMustBeClosedOnItsOwnThread() throws Exception {
        RoutingContext.Scope scope = RoutingContext.ofKey("user-1").attach();
        try {
            Throwable thrown = CompletableFuture.supplyAsync(() -> {
                try {
                    scope.close();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            }).get();
            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("thread");
        } finally {
            scope.close();
        }
    }

    @Test
    void wrapCarriesTheContextToTheThreadThatRunsTheTask() throws Exception {
        RoutingContext context = RoutingContext.builder().routingKey("user-1").attribute("tenant", "acme").build();
        AtomicReference<RoutingContext> seen = new AtomicReference<>();

        CompletableFuture.runAsync(context.wrap(() -> seen.set(RoutingContext.current()))).get();

        assertThat(seen.get()).isSameAs(context);
        assertThat(context.call(RoutingContext::current)).isSameAs(context);
    }

    @Test
    void toBuilderKeepsEveryValueAndContextsAreImmutable() {
        RoutingContext context = RoutingContext.builder().routingKey("k").segments("a", "b").attribute("x", "1")
                .shadow(true).build();
        RoutingContext copy = context.toBuilder().build();

        assertThat(copy.routingKey()).isEqualTo("k");
        assertThat(copy.segments()).containsExactly("a", "b");
        assertThat(copy.attributes()).containsEntry("x", "1");
        assertThat(copy.isShadow()).isTrue();
        assertThat(context.toBuilder().routingKey(null).build().routingKey()).isNull();
        assertThatThrownBy(() -> context.segments().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.attributes().put("y", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
