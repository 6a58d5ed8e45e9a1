package com.example.cv;

import java.util.Set;

/**
 * What an analyzer finds in a CV.
 *
 * @param engine the analyzer that answered
 * @param skills the skills found, lower case
 */
public record Analysis(String engine, Set<String> skills) {

    /**
     * Creates an analysis.
     *
     * @param engine the analyzer that answered
     * @param skills the skills found, lower case
     */
    public Analysis {
        skills = Set.copyOf(skills);
    }
}
