package io.strangler.examples.cv;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The modern analyzer: tokenises the CV and matches whole words. It has a bug the demo switches on, as a real
 * rewrite might: it fails on CVs with parentheses, and its store rejects some writes.
 */
public final class TokenCvAnalyzer implements CvAnalyzer {

    private static final Set<String> VOCABULARY = Set.of("java", "kotlin", "sql", "kafka", "spring", "python", "aws");

    private final SkillStore store = new SkillStore();
    private volatile boolean parenthesesBug;

    /**
     * Switches the bug on or off.
     *
     * @param on whether CVs with parentheses make this analyzer throw
     */
    public void parenthesesBug(boolean on) {
        this.parenthesesBug = on;
    }

    @Override
    public Analysis analyze(String userId, String cv) {
        if (parenthesesBug && cv.indexOf('(') >= 0) {
            throw new IllegalStateException("token analyzer: unbalanced group at offset " + cv.indexOf('('));
        }
        Set<String> skills = new TreeSet<>();
        for (String token : cv.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (VOCABULARY.contains(token)) {
                skills.add(token);
            }
        }
        return new Analysis(skills, "token", UUID.randomUUID().toString());
    }

    @Override
    public void save(String userId, Analysis analysis) {
        if (parenthesesBug && Math.floorMod(userId.hashCode(), 3) == 0) {
            throw new IllegalStateException("token store: write rejected for " + userId);
        }
        store.put(userId, analysis);
    }

    /**
     * The users this side holds skills for.
     *
     * @return the users this side holds skills for
     */
    public Set<String> savedUsers() {
        return store.users();
    }

    /**
     * How many users' skills this side holds.
     *
     * @return how many users' skills this side holds
     */
    public int savedCount() {
        return store.size();
    }

    /**
     * What this side holds for a user.
     *
     * @param userId the user
     * @return the stored analysis, or null
     */
    public Analysis saved(String userId) {
        return store.get(userId);
    }
}
