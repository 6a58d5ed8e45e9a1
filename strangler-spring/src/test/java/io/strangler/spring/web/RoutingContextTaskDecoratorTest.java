package io.strangler.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingContextTaskDecoratorTest {

    private final RoutingContextTaskDecorator decorator = new RoutingContextTaskDecorator();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        worker.shutdownNow();
        assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runsTheTaskWithTheSubmittersContext() throws Exception {
        CompletableFuture<RoutingContext> seen = new CompletableFuture<>();
        RoutingContext caller = RoutingContext.builder().routingKey("k-1").segment("beta").build();
        Runnable task;
        try (RoutingContext.Scope scope = caller.attach()) {
            task = decorator.decorate(() -> seen.complete(RoutingContext.current()));
        }

        worker.execute(task);

        assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(caller);
    }

    @Test
    void restoresTheWorkersOwnContextAfterward() throws Exception {
        RoutingContext workers = RoutingContext.ofKey("worker");
        CompletableFuture<RoutingContext.Scope> workerScope = CompletableFuture.supplyAsync(workers::attach, worker);
        workerScope.get(10, TimeUnit.SECONDS);
        CompletableFuture<RoutingContext> during = new CompletableFuture<>();
        Runnable task;
        try (RoutingContext.Scope scope = RoutingContext.ofKey("caller").attach()) {
            task = decorator.decorate(() -> during.complete(RoutingContext.current()));
        }

        worker.execute(task);
        CompletableFuture<RoutingContext> after = CompletableFuture.supplyAsync(RoutingContext::current, worker);

        assertThat(during.get(10, TimeUnit.SECONDS).routingKey()).isEqualTo("caller");
        assertThat(after.get(10, TimeUnit.SECONDS)).isSameAs(workers);
        CompletableFuture.runAsync(() -> workerScope.join().close(), worker).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCallerWithoutContextRunsTheTaskWithNoneWhateverTheWorkerHad() throws Exception {
        CompletableFuture<RoutingContext.Scope> leaked =
                CompletableFuture.supplyAsync(RoutingContext.ofKey("leaked")::attach, worker);
        leaked.get(10, TimeUnit.SECONDS);
        CompletableFuture<RoutingContext> seen = new CompletableFuture<>();

        worker.execute(decorator.decorate(() -> seen.complete(RoutingContext.current())));

        assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(RoutingContext.EMPTY);
        CompletableFuture.runAsync(() -> leaked.join().close(), worker).get(10, TimeUnit.SECONDS);
    }

    @Test
    void capturesWhenDecoratedNotWhenRun() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        Runnable task;
        try (RoutingContext.Scope scope = RoutingContext.ofKey("at-submit").attach()) {
            task = decorator.decorate(() -> seen.complete(RoutingContext.current().routingKey()));
        }
        try (RoutingContext.Scope scope = RoutingContext.ofKey("later").attach()) {
            task.run();
        }

        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("at-submit");
    }
}
