package io.strangler.examples.cv;

import java.util.Set;

/**
 * An open position on the platform.
 *
 * @param id the job's id
 * @param title its title
 * @param company who hires
 * @param partner the job board the platform applies through
 * @param role the role it is
 * @param skills the skills it asks for, lower case
 */
public record Job(String id, String title, String company, String partner, TargetRole role, Set<String> skills) {

    /**
     * Copies the skills.
     *
     * @param id the job's id
     * @param title its title
     * @param company who hires
     * @param partner the job board
     * @param role the role
     * @param skills the skills it asks for
     */
    public Job {
        skills = Set.copyOf(skills);
    }
}
