package io.strangler.examples.cv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The improvement module: the same rules as the monolith's, kept as data (advice templates by skill) rather than as
 * code, so that the content team can change them without a release.
 */
public final class ModernImprovementOrchestrator implements ImprovementOrchestrator {

    private static final UnaryOperator<String> PROJECT = s -> "Show a recent " + s + " project with a link to its code";
    private static final UnaryOperator<String> PRODUCTION = s -> "Name the " + s + " services you ran in production";
    private static final Map<String, UnaryOperator<String>> ADVICE = Map.of(
            "kafka", s -> "Add a streaming project (" + s + ") to your CV", "aws", PRODUCTION, "sql", PRODUCTION);

    @Override
    public ImprovementPlan plan(String userId, Analysis analysis, TargetRole role) {
        List<String> missing = role.requiredSkills().stream().filter(s -> !analysis.skills().contains(s)).toList();
        List<String> steps = new ArrayList<>(missing.stream()
                .map(s -> ADVICE.getOrDefault(s, PROJECT).apply(s)).toList());
        if (analysis.skills().size() < 3) {
            steps.add("Describe three projects with measurable results");
        }
        if (missing.isEmpty()) {
            steps.add("Apply now: your CV covers every core skill of a " + role.title());
        }
        return new ImprovementPlan(role, missing, steps);
    }
}
