package io.strangler.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.RoutingContext;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class ReactiveRoutingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final RoutingContext CONTEXT = RoutingContext.builder().routingKey("k-1").segment("beta").build();

    @AfterEach
    void nothingLeftOnTheTestThread() {
        assertThat(RoutingContext.current()).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void fromCallableAttachesTheChainsContextWhileTheCallRuns() {
        String key = ReactiveRouting.fromCallable(() -> RoutingContext.current().routingKey())
                .contextWrite(ReactiveRouting.with(CONTEXT))
                .block(TIMEOUT);

        assertThat(key).isEqualTo("k-1");
    }

    @Test
    void fromCallableWorksOnTheThreadTheChainSubscribesOn() {
        String seen = ReactiveRouting.fromCallable(() -> RoutingContext.current().routingKey() + "|"
                        + Thread.currentThread().getName() + "|" + RoutingContext.current().segments())
                .subscribeOn(Schedulers.boundedElastic())
                .contextWrite(ReactiveRouting.with(CONTEXT))
                .block(TIMEOUT);

        assertThat(seen).startsWith("k-1|boundedElastic").endsWith("|[beta]");
    }

    @Test
    void fromCallableDetachesAfterTheCall() {
        List<RoutingContext> after = ReactiveRouting.fromCallable(() -> "x")
                .map(x -> RoutingContext.current())
                .contextWrite(ReactiveRouting.with(CONTEXT))
                .flux().collectList().block(TIMEOUT);

        assertThat(after).containsExactly(RoutingContext.EMPTY);
    }

    @Test
    void fromCallableSignalsTheCallsExceptionAndANullAsEmpty() {
        Mono<Object> failing = ReactiveRouting.fromCallable(() -> {
            throw new IOException("side failed");
        });

        assertThatThrownBy(() -> failing.block(TIMEOUT)).hasRootCauseInstanceOf(IOException.class);
        assertThat(ReactiveRouting.fromCallable(() -> null).blockOptional(TIMEOUT)).isEmpty();
    }

    @Test
    void withoutAContextTheCallSeesNone() {
        assertThat(ReactiveRouting.fromCallable(RoutingContext::current).block(TIMEOUT)).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void deferAttachesWhileTheMonoIsBuiltOnly() {
        String seen = ReactiveRouting.defer(() -> {
            String atAssembly = RoutingContext.current().routingKey();
            return Mono.fromCallable(() -> atAssembly + "|" + RoutingContext.current().routingKey());
        }).contextWrite(ReactiveRouting.with(CONTEXT)).block(TIMEOUT);

        assertThat(seen).isEqualTo("k-1|null");
    }

    @Test
    void deferManyAttachesWhileThePublisherIsBuilt() {
        List<String> seen = ReactiveRouting.deferMany(() -> Flux.just(RoutingContext.current().routingKey(), "b"))
                .contextWrite(ReactiveRouting.with(CONTEXT))
                .collectList().block(TIMEOUT);

        assertThat(seen).containsExactly("k-1", "b");
    }

    @Test
    void contextReadsTheChainsContext() {
        assertThat(ReactiveRouting.context().contextWrite(ReactiveRouting.with(CONTEXT)).block(TIMEOUT))
                .isSameAs(CONTEXT);
        assertThat(ReactiveRouting.context().block(TIMEOUT)).isSameAs(RoutingContext.EMPTY);
    }
}
