package io.strangler.examples.cv;

import java.util.List;

/**
 * What a user should do to their CV for the role they aim for.
 *
 * @param role the role aimed for
 * @param missingSkills the role's skills the CV does not show, most important first
 * @param steps the advice, in the order to follow it
 */
public record ImprovementPlan(TargetRole role, List<String> missingSkills, List<String> steps) {

    /**
     * Copies the lists.
     *
     * @param role the role aimed for
     * @param missingSkills the role's skills the CV does not show
     * @param steps the advice
     */
    public ImprovementPlan {
        missingSkills = List.copyOf(missingSkills);
        steps = List.copyOf(steps);
    }
}
