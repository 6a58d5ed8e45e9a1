package io.strangler.examples.cv;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The legacy analyzer: looks for a fixed list of keywords anywhere in the text, so "JavaScript" counts as "java" (a
 * false positive the modern analyzer fixes).
 */
public final class KeywordCvAnalyzer implements CvAnalyzer {

    private static final String[] KEYWORDS = {"java", "kotlin", "sql", "kafka", "spring", "python", "aws"};

    private final SkillStore store = new SkillStore();

    @Override
    public Analysis analyze(String userId, String cv) {
        String text = cv.toLowerCase(Locale.ROOT);
        Set<String> skills = new TreeSet<>();
        for (String keyword : KEYWORDS) {
            if (text.contains(keyword)) {
                skills.add(keyword);
            }
        }
        return new Analysis(skills, "keyword", UUID.randomUUID().toString());
    }

    @Override
    public void save(String userId, Analysis analysis) {
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
