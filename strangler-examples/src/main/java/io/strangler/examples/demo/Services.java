package io.strangler.examples.demo;

import io.strangler.examples.cv.ActionOrchestrator;
import io.strangler.examples.cv.CircuitBreakerCore;
import io.strangler.examples.cv.CvAnalyzer;
import io.strangler.examples.cv.ImprovementOrchestrator;
import io.strangler.examples.cv.ProfileCache;
import io.strangler.examples.cv.RecommendationGenerator;
import io.strangler.examples.cv.RecommendationOrchestrator;

/**
 * The seven services as one instance of the platform calls them: each the proxy of its route, which picks legacy or
 * modern per user.
 *
 * @param analyzer {@code cv-analyzer}
 * @param improvements {@code improvement-orchestrator}
 * @param cache {@code cache-manager}
 * @param generator {@code recommendation-generator}
 * @param feeds {@code recommendation-orchestrator}
 * @param breaker {@code circuit-breaker-core}
 * @param actions {@code action-orchestrator}
 */
record Services(CvAnalyzer analyzer, ImprovementOrchestrator improvements, ProfileCache cache,
        RecommendationGenerator generator, RecommendationOrchestrator feeds, CircuitBreakerCore breaker,
        ActionOrchestrator actions) {
}
