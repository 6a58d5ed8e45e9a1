package io.strangler.examples.demo;

import io.strangler.api.rollout.RolloutPlan;
import java.util.List;

/**
 * The seven services the CV platform moves from its monolith to modules, one route each, with the rollout plan of
 * its risk and the routes it depends on. In dependency order: a route comes after the routes it depends on.
 */
public enum PlatformRoute {
    /** Reads skills from CVs. Low risk: a wrong skill is shown, nothing is sent anywhere. */
    CV_ANALYZER("cv-analyzer", RolloutPlan.low(), List.of(), null),
    /** Advice on a CV, from the analyzer's output: depends on it and moves the same users (shared cohort). */
    IMPROVEMENT_ORCHESTRATOR("improvement-orchestrator", RolloutPlan.low(), List.of("cv-analyzer"), "cv-analyzer"),
    /** The profile cache. Medium risk: it holds data, so it dual-writes and reads the faster side. */
    CACHE_MANAGER("cache-manager", RolloutPlan.medium(), List.of(), null),
    /** Job recommendations: the route whose new release goes wrong part way through. */
    RECOMMENDATION_GENERATOR("recommendation-generator", RolloutPlan.medium(), List.of(), null),
    /**
     * The feed built from the generator's matches. Low risk on its own (it only filters and labels), but it serves
     * modern only while the generator does, and moves the generator's users (shared cohort).
     */
    RECOMMENDATION_ORCHESTRATOR("recommendation-orchestrator", RolloutPlan.low(),
            List.of("recommendation-generator"), "recommendation-generator"),
    /**
     * The breaker in front of every job board call. Medium: it has no data and no side effect of its own, but every
     * outbound call goes through it, so it bakes an hour per step like the other shared services.
     */
    CIRCUIT_BREAKER_CORE("circuit-breaker-core", RolloutPlan.medium(), List.of(), null),
    /** Applications sent to employers. Critical: a person approves every step from 50 % on. */
    ACTION_ORCHESTRATOR("action-orchestrator", RolloutPlan.critical(), List.of(), null);

    private final String route;
    private final RolloutPlan plan;
    private final List<String> dependsOn;
    private final String cohort;

    PlatformRoute(String route, RolloutPlan plan, List<String> dependsOn, String cohort) {
        this.route = route;
        this.plan = plan;
        this.dependsOn = dependsOn;
        this.cohort = cohort == null ? route : cohort;
    }

    /**
     * The route's name.
     *
     * @return the route's name in the router
     */
    public String route() {
        return route;
    }

    /**
     * The plan the controller follows.
     *
     * @return the rollout plan
     */
    public RolloutPlan plan() {
        return plan;
    }

    /**
     * The plan's name.
     *
     * @return {@code LOW}, {@code MEDIUM} or {@code CRITICAL}
     */
    public String planName() {
        return plan.equals(RolloutPlan.low()) ? "LOW" : plan.equals(RolloutPlan.medium()) ? "MEDIUM"
                : plan.equals(RolloutPlan.critical()) ? "CRITICAL" : "custom";
    }

    /**
     * The routes this one depends on.
     *
     * @return the names of the routes it serves modern only while they are at 100 %
     */
    public List<String> dependsOn() {
        return dependsOn;
    }

    /**
     * The cohort that salts the route's bucketing.
     *
     * @return the cohort: the route's own name, or the name of the route whose users it moves with
     */
    public String cohort() {
        return cohort;
    }

    /**
     * The route of a name.
     *
     * @param route a route's name
     * @return the route
     * @throws IllegalArgumentException if no route has that name
     */
    public static PlatformRoute named(String route) {
        for (PlatformRoute r : values()) {
            if (r.route.equals(route)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no route named '" + route + "'");
    }
}
