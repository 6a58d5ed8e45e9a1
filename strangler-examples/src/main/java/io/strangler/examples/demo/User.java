package io.strangler.examples.demo;

import io.strangler.examples.cv.RecommendationFeed;
import io.strangler.examples.cv.TargetRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One synthetic user of the platform: a CV, the role aimed for, the jobs applied for, the latest feed seen. Only the
 * demo's one thread changes it.
 */
final class User {

    private final String id;
    private final TargetRole role;
    private final List<String> cvSkills = new ArrayList<>();
    private final int years;
    private long profileVersion = 1;
    private final Set<String> applied = new HashSet<>();
    private @Nullable RecommendationFeed lastFeed;

    /** A user with a first CV listing {@code cvSkills}. */
    User(String id, TargetRole role, List<String> cvSkills, int years) {
        this.id = id;
        this.role = role;
        this.cvSkills.addAll(cvSkills);
        this.years = years;
    }

    /** The user's id: every route's routing key. */
    String id() {
        return id;
    }

    /** The role the user aims for. */
    TargetRole role() {
        return role;
    }

    /** The CV's text, as the analyzers read it: skills as written, with their capitals. */
    String cv() {
        return "Engineer with " + String.join(", ", cvSkills) + " and " + years + " years of experience.";
    }

    /** The skills the profile lists, lower case and sorted: what the cache holds and recommendations use. */
    List<String> profileSkills() {
        Set<String> skills = new TreeSet<>();
        cvSkills.forEach(s -> skills.add(s.toLowerCase(Locale.ROOT)));
        return List.copyOf(skills);
    }

    /** The version of the profile: a new CV makes the cached profile stale. */
    long profileVersion() {
        return profileVersion;
    }

    /** The user uploads a new CV, with one more skill when {@code learned} is not null. */
    void newCv(@Nullable String learned) {
        if (learned != null && !cvSkills.contains(learned)) {
            cvSkills.add(learned);
        }
        profileVersion++;
    }

    /** The jobs the user applied for; the journeys add to it. */
    Set<String> applied() {
        return applied;
    }

    /** The latest feed the user saw, or null before any. */
    @Nullable RecommendationFeed lastFeed() {
        return lastFeed;
    }

    /** The user saw a feed. */
    void saw(RecommendationFeed feed) {
        this.lastFeed = feed;
    }
}
