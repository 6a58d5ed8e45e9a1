package io.strangler.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import java.lang.reflect.Proxy;
import org.ff4j.FF4j;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration's conditions, the routes it finds, and the start-up failures of bad properties. */
class StranglerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StranglerAutoConfiguration.class))
            .withPropertyValues("strangler.rollout.baseline-window=0s", "strangler.rollout.baseline-timed-calls=0");

    @Configuration(proxyBeanMethods = false)
    static class AnnotatedMethods {
        @Bean
        @StranglerRoute(value = "greeter", side = Side.LEGACY)
        Greeter oldGreeter() {
            return new Greeter.Named("legacy");
        }

        @Bean
        @StranglerRoute(value = "greeter", side = Side.MODERN)
        Greeter newGreeter() {
            return new Greeter.Named("modern");
        }
    }

    @StranglerRoute(value = "greeter", side = Side.LEGACY)
    static class OldGreeter extends Greeter.Named {
        OldGreeter() {
            super("legacy");
        }
    }

    @StranglerRoute(value = "greeter", side = Side.MODERN)
    static class NewGreeter extends Greeter.Named {
        NewGreeter() {
            super("modern");
        }
    }

    /** Beans no one can annotate: made by a library, named in properties. */
    @Configuration(proxyBeanMethods = false)
    static class UnannotatedBeans {
        @Bean
        Greeter libraryGreeter() {
            return (Greeter) Proxy.newProxyInstance(Greeter.class.getClassLoader(), new Class<?>[] {Greeter.class},
                    (proxy, method, args) -> method.isDefault() ? null : "library " + method.getName());
        }

        @Bean
        Greeter ownGreeter() {
            return new Greeter.Named("own");
        }
    }

    /** Injects the interface by type, as a caller would. */
    static class Caller {
        final Greeter greeter;

        Caller(Greeter greeter) {
            this.greeter = greeter;
        }
    }

    @Test
    void annotatedBeanMethodsMakeARouteAndInjectionByTypeGetsItsProxy() {
        runner.withUserConfiguration(AnnotatedMethods.class).withBean(Caller.class)
                .withPropertyValues("strangler.routes.greeter.stage=modern").run(context -> {
                    assertThat(context).hasNotFailed();
                    Greeter injected = context.getBean(Caller.class).greeter;
                    assertThat(Proxy.isProxyClass(injected.getClass())).isTrue();
                    assertThat(injected).isSameAs(context.getBean(Greeter.class));
                    assertThat(injected.greet("ada")).isEqualTo("modern greets ada");
                    assertThat(injected.greet("ada", "hello")).isEqualTo("hello, modern greets ada");
                    assertThat(context.getBean("oldGreeter", Greeter.class).greet("ada"))
                            .as("each side stays injectable by name").isEqualTo("legacy greets ada");
                    assertThat(context.getBean(MigrationRouter.class).route("greeter").state().stage())
                            .isEqualTo(Stage.MODERN);
                });
    }

    @Test
    void annotatedClassesMakeARouteThatStartsOnLegacy() {
        runner.withBean(OldGreeter.class).withBean(NewGreeter.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Greeter.class).greet("ada")).isEqualTo("legacy greets ada");
            assertThat(context.getBean(MigrationRouter.class).route("greeter").state().stage())
                    .isEqualTo(Stage.LEGACY);
        });
    }

    @Test
    void sidesNamedInPropertiesAndMethodsClassifiedThereToo() {
        runner.withUserConfiguration(UnannotatedBeans.class).withBean(Caller.class).withPropertyValues(
                "strangler.routes.greeter.legacy-bean=libraryGreeter",
                "strangler.routes.greeter.modern-bean=ownGreeter",
                "strangler.routes.greeter.stage=canary", "strangler.routes.greeter.percentage=100",
                "strangler.routes.greeter.writes=greet").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Caller.class).greeter.greet("ada")).isEqualTo("own greets ada");
                    assertThat(context.getBean(MigrationRouter.class).route("greeter").stats().modern().calls())
                            .isEqualTo(1);
                });
    }

    @Test
    void theRouterUsesTheApplicationsMeterRegistryAndFf4jWhenItHasThem() {
        FF4j ff4j = new FF4j();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner.withUserConfiguration(AnnotatedMethods.class).withBean(FF4j.class, () -> ff4j)
                .withBean(SimpleMeterRegistry.class, () -> registry).run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(Greeter.class).greet("ada");
                    assertThat(registry.find("strangler.calls").meters()).isNotEmpty();
                    assertThat(ff4j.getFeatureStore().exist("strangler.greeter")).isTrue();
                });
        runner.withUserConfiguration(AnnotatedMethods.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MigrationRouter.class);
            assertThat(context.getBean(Greeter.class).greet("ada")).isEqualTo("legacy greets ada");
        });
    }

    @Test
    void aRolloutPlanFromPropertiesStartsAControllerThatStopsWithTheContext() {
        runner.withUserConfiguration(AnnotatedMethods.class).withPropertyValues(
                "strangler.routes.greeter.stage=canary", "strangler.routes.greeter.rollout.preset=medium",
                "strangler.routes.greeter.triggers.error-rate=0.02",
                "strangler.routes.greeter.triggers.dry-run=latency").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RolloutController.class)
                            .hasSingleBean(StranglerRolloutLifecycle.class);
                    RolloutController controller = context.getBean(RolloutController.class);
                    controller.tick();
                    RolloutStatus status = controller.status("greeter");
                    assertThat(status.phase()).isEqualTo(RolloutStatus.Phase.RUNNING);
                    assertThat(status.percentage()).isEqualTo(RolloutPlan.medium().step(0).percentage());
                    assertThat(context.getBean(StranglerRolloutLifecycle.class).isRunning()).isTrue();
                    assertThat(context.getBean(StranglerRolloutLifecycle.class).isScheduled()).isTrue();
                    context.stop();
                    assertThat(context.getBean(StranglerRolloutLifecycle.class).isRunning()).isFalse();
                });
        runner.withUserConfiguration(AnnotatedMethods.class).withPropertyValues("strangler.rollout.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RolloutController.class));
    }

    @Test
    void aTickIntervalOfZeroLeavesTheTicksToTheApplicationAndATickerBeanTimesTheCalls() {
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        java.util.function.LongSupplier ticker = () -> reads.incrementAndGet() * 1_000;
        runner.withUserConfiguration(AnnotatedMethods.class)
                .withBean(StranglerAutoConfiguration.TICKER_BEAN, java.util.function.LongSupplier.class, () -> ticker)
                .withPropertyValues("strangler.rollout.tick-interval=0s", "strangler.routes.greeter.stage=modern")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(StranglerRolloutLifecycle.class).isRunning()).isTrue();
                    assertThat(context.getBean(StranglerRolloutLifecycle.class).isScheduled()).isFalse();
                    long before = reads.get();
                    context.getBean(Greeter.class).greet("ada");
                    assertThat(reads.get()).as("the router read the application's ticker").isGreaterThan(before);
                });
    }

    @Test
    void withTheApplicationsObservationRegistryEachRoutedCallIsObserved() {
        io.micrometer.observation.ObservationRegistry observations = io.micrometer.observation.ObservationRegistry
                .create();
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        observations.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
            @Override
            public void onStop(io.micrometer.observation.Observation.Context context) {
                seen.add(context.getName() + " " + context.getLowCardinalityKeyValue("strangler.route").getValue()
                        + " " + context.getLowCardinalityKeyValue("strangler.method").getValue());
            }

            @Override
            public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
                return true;
            }
        });
        runner.withUserConfiguration(AnnotatedMethods.class)
                .withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Greeter.class).greet("ada")).isEqualTo("legacy greets ada");
                    assertThat(seen).containsExactly("strangler.call greeter greet");
                });
        seen.clear();
        runner.withUserConfiguration(AnnotatedMethods.class)
                .withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
                .withPropertyValues("strangler.router.observe-calls=false").run(context -> {
                    context.getBean(Greeter.class).greet("ada");
                    assertThat(seen).isEmpty();
                });
    }

    @Test
    void customizersChangeWhatPropertiesDontSay() {
        StranglerRouteCustomizer modern = (route, definition) -> definition.initialState(st -> st.stage(Stage.MODERN));
        StranglerRolloutCustomizer checkout = controller -> controller.triggers("greeter",
                io.strangler.api.health.TriggerSettings.custom().custom(io.strangler.api.health.CustomTrigger
                        .rate("checkout").failsBelow(0.9).build()).build());
        runner.withUserConfiguration(AnnotatedMethods.class)
                .withBean(StranglerRouteCustomizer.class, () -> modern)
                .withBean(StranglerRolloutCustomizer.class, () -> checkout)
                .withPropertyValues("strangler.rollout.tick-interval=0s").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Greeter.class).greet("ada")).isEqualTo("modern greets ada");
                    RolloutController controller = context.getBean(RolloutController.class);
                    controller.tick();
                    assertThat(controller.status("greeter").judgements())
                            .anySatisfy(j -> assertThat(j.name()).isEqualTo("checkout"));
                });
    }

    @Test
    void aShadowIgnorePathTheComparatorRefusesStopsStartUp() {
        runner.withUserConfiguration(AnnotatedMethods.class).withPropertyValues(
                "strangler.routes.greeter.shadow-ignore=requestId").run(context -> assertThat(failure(context)
                        .getDescription()).contains("strangler.routes.greeter.shadow-ignore = 'requestId'"));
        runner.withUserConfiguration(AnnotatedMethods.class).withPropertyValues(
                "strangler.routes.greeter.shadow-ignore=$.requestId,$.**.updatedAt",
                "strangler.routes.greeter.shadow-unordered=$.skills").run(context -> assertThat(context)
                        .hasNotFailed());
    }

    @Test
    void springsTransactionsAndTheStoreModulesAreOptional() {
        runner.withUserConfiguration(AnnotatedMethods.class).run(context -> assertThat(context)
                .hasSingleBean(io.strangler.api.spi.WriteSynchronization.class));
        runner.withUserConfiguration(AnnotatedMethods.class)
                .withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(
                        "org.springframework.transaction", "io.strangler.postgres", "io.strangler.redis"))
                .withPropertyValues("strangler.store.type=jdbc").run(context -> {
                    assertThat(context).hasNotFailed()
                            .doesNotHaveBean(io.strangler.api.spi.WriteSynchronization.class)
                            .doesNotHaveBean(io.strangler.api.spi.RouteStateStore.class);
                    assertThat(context.getBean(Greeter.class).greet("ada")).isEqualTo("legacy greets ada");
                });
    }

    @Test
    void everythingBacksOffWhenOff() {
        runner.withUserConfiguration(AnnotatedMethods.class).withPropertyValues("strangler.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationRouter.class));
    }

    private static FailureAnalysis failure(org.springframework.boot.test.context.assertj.AssertableApplicationContext
            context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new StranglerFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("a Strangler failure analysis of " + context.getStartupFailure()).isNotNull();
        return analysis;
    }

    @Test
    void aPercentageOf150StopsStartUpNamingThePropertyAndTheValue() {
        runner.withUserConfiguration(AnnotatedMethods.class).withPropertyValues("strangler.routes.greeter.percentage"
                + "=150").run(context -> assertThat(failure(context).getDescription())
                        .contains("strangler.routes.greeter.percentage = '150.0'").contains("150"));
    }

    @Test
    void anUnknownStageStopsStartUpNamingThePropertyAndTheValue() {
        runner.withUserConfiguration(AnnotatedMethods.class).withPropertyValues("strangler.routes.greeter.stage"
                + "=halfway").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("halfway");
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("strangler.routes.greeter.stage");
                });
    }

    @Test
    void aDependencyThatIsNoRouteStopsStartUp() {
        runner.withUserConfiguration(AnnotatedMethods.class).withPropertyValues(
                "strangler.routes.greeter.depends-on=cv-analyser").run(context -> assertThat(failure(context)
                        .getDescription()).contains("strangler.routes.greeter.depends-on = 'cv-analyser'")
                        .contains("there is no route named 'cv-analyser' (routes: [greeter])"));
    }

    @Test
    void aRouteWithOneSideOnlyStopsStartUp() {
        runner.withBean(OldGreeter.class).run(context -> assertThat(failure(context).getDescription())
                .contains("route 'greeter'").contains("it has a LEGACY side").contains("and no MODERN side"));
    }

    @Test
    void aSideNamedInPropertiesThatIsNoBeanStopsStartUp() {
        runner.withBean(OldGreeter.class).withPropertyValues("strangler.routes.greeter.modern-bean=newGreter")
                .run(context -> assertThat(failure(context).getDescription())
                        .contains("strangler.routes.greeter.modern-bean = 'newGreter'")
                        .contains("there is no bean named 'newGreter'"));
    }

    @Test
    void propertiesForARouteWithNoBeansStopStartUp() {
        runner.withUserConfiguration(AnnotatedMethods.class).withPropertyValues("strangler.routes.greeterr.stage"
                + "=canary").run(context -> assertThat(failure(context).getDescription())
                        .contains("there are properties for route 'greeterr' but no bean is either side of it"));
    }
}
