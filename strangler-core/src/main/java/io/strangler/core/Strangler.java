package io.strangler.core;

import io.strangler.api.MigrationRouter;
import io.strangler.core.rollout.RolloutController;

/**
 * The front door of Strangler in plain Java.
 *
 * <pre>{@code
 * MigrationRouter router = Strangler.router()
 *         .meterRegistry(meterRegistry)          // optional
 *         .build();                              // in-memory FF4J store, system clock, 1 s refresh
 *
 * Route<CvAnalyzer> route = router.register(RouteDefinition.builder("cv-analyzer", CvAnalyzer.class)
 *         .legacy(new RegexCvAnalyzer())
 *         .modern(new LlmCvAnalyzer())
 *         .initialState(s -> s.stage(Stage.CANARY).percentage(10))
 *         .build());
 *
 * CvAnalyzer analyzer = route.proxy();           // inject this where CvAnalyzer was used
 * }</pre>
 */
public final class Strangler {

    private Strangler() {
    }

    /**
     * A builder of a {@link io.strangler.api.MigrationRouter}.
     *
     * @return a new builder with the defaults
     */
    public static RouterBuilder router() {
        return new RouterBuilder();
    }

    /**
     * A builder of a {@link RolloutController} that advances {@code router}'s routes along rollout plans and rolls
     * them back when a health trigger fails.
     *
     * <pre>{@code
     * RolloutController controller = Strangler.controller(router)
     *         .plan("cv-analyzer", RolloutPlan.medium())
     *         .build();
     * controller.start(Duration.ofSeconds(1));
     * }</pre>
     *
     * @param router a router built by {@link #router()}, with the routes already registered
     * @return a new builder with the defaults
     * @throws NullPointerException if {@code router} is null
     */
    public static RolloutController.Builder controller(MigrationRouter router) {
        return RolloutController.builder(router);
    }
}
