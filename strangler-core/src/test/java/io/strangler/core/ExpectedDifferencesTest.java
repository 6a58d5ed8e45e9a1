package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.api.compare.Difference;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.core.shadow.compare.StructuralComparator;
import io.strangler.core.testing.InlineExecutor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Known legacy bugs are not mismatches: a comparator rule declares the difference modern is meant to make, and a
 * comparison whose only differences are those ends EXPECTED, counted apart and kept for inspection; a difference
 * the rule does not describe, even at the same path, is still a mismatch.
 */
class ExpectedDifferencesTest {

    /** The analyzer of the demo: legacy counts "JavaScript" as "java". */
    interface Analyzer {
        /**
         * Analyses a CV.
         *
         * @param cv the CV
         * @return the fields found
         */
        Map<String, Object> analyse(String cv);
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MigrationRouter router = ShadowTestSupport.router(registry).shadowExecutor(new InlineExecutor())
            .build();

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void aDeclaredLegacyBugIsCountedApartAndAnUndeclaredDifferenceIsStillAMismatch() {
        Analyzer legacy = cv -> Map.of("skills", cv.contains("JavaScript") ? List.of("java") : List.of("sql"),
                "years", 5);
        Analyzer modern = cv -> Map.of("skills", cv.contains("JavaScript") ? List.of("javascript")
                : cv.contains("Rust") ? List.of("rust") : List.of("sql"), "years", 5);
        StructuralComparator comparator = StructuralComparator.builder()
                .expect("$.skills[*]", (l, m) -> "\"java\"".equals(l) && "\"javascript\"".equals(m)).build();
        Route<Analyzer> route = router.register(RouteDefinition.builder("cv", Analyzer.class).legacy(legacy)
                .modern(modern).shadow(ShadowSettings.custom().comparator(comparator).build())
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100)).build());

        route.read("u1", a -> a.analyse("JavaScript, SQL"));
        route.read("u2", a -> a.analyse("JavaScript"));
        route.read("u3", a -> a.analyse("Rust"));
        route.read("u4", a -> a.analyse("SQL"));

        RouteStats.ShadowStats stats = route.stats().shadow();
        assertThat(stats.expected()).as("the legacy bug, twice").isEqualTo(2);
        assertThat(stats.mismatches()).as("Rust read as sql: not the declared difference").isEqualTo(1);
        assertThat(stats.matches()).isEqualTo(1);
        assertThat(stats.compared()).isEqualTo(4);
        assertThat(route.expectedDifferences()).hasSize(2).allSatisfy(m -> assertThat(m.differences())
                .allSatisfy(d -> assertThat(d.expected()).isTrue()));
        assertThat(route.mismatches()).singleElement().satisfies(m -> assertThat(m.differences())
                .extracting(Difference::expected).containsOnly(false));
        assertThat(registry.get("strangler.shadow.comparisons").tags("route", "cv", "result", "expected")
                .functionCounter().count()).isEqualTo(2);
    }
}
