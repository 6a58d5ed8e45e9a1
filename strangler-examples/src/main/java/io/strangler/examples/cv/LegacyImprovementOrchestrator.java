package io.strangler.examples.cv;

import java.util.ArrayList;
import java.util.List;

/** The monolith's improvement planner: a loop over the role's skills and a chain of hand-written advice. */
public final class LegacyImprovementOrchestrator implements ImprovementOrchestrator {

    @Override
    public ImprovementPlan plan(String userId, Analysis analysis, TargetRole role) {
        List<String> missing = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (String skill : role.requiredSkills()) {
            if (!analysis.skills().contains(skill)) {
                missing.add(skill);
                steps.add(advice(skill));
            }
        }
        if (analysis.skills().size() < 3) {
            steps.add("Describe three projects with measurable results");
        }
        if (missing.isEmpty()) {
            steps.add("Apply now: your CV covers every core skill of a " + role.title());
        }
        return new ImprovementPlan(role, missing, steps);
    }

    private static String advice(String skill) {
        if (skill.equals("kafka")) {
            return "Add a streaming project (kafka) to your CV";
        } else if (skill.equals("aws") || skill.equals("sql")) {
            return "Name the " + skill + " services you ran in production";
        } else {
            return "Show a recent " + skill + " project with a link to its code";
        }
    }
}
