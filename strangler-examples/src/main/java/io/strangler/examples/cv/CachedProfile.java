package io.strangler.examples.cv;

import java.util.List;

/**
 * What the platform caches of a user so that a page can be drawn without reading the CV again.
 *
 * @param userId the user
 * @param skills the user's skills, lower case, sorted
 * @param role the role the user aims for
 * @param version the version of the user's profile it was built from: a newer CV makes it stale
 */
public record CachedProfile(String userId, List<String> skills, TargetRole role, long version) {

    /**
     * Copies the skills.
     *
     * @param userId the user
     * @param skills the user's skills
     * @param role the role aimed for
     * @param version the profile's version
     */
    public CachedProfile {
        skills = List.copyOf(skills);
    }
}
