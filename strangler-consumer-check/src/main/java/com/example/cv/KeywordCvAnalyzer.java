package com.example.cv;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The old analyzer: a substring match, which finds "java" in "JavaScript". */
public final class KeywordCvAnalyzer implements CvAnalyzer {

    private static final Set<String> SKILLS = Set.of("java", "sql", "kotlin");

    private final Map<String, Analysis> saved = new ConcurrentHashMap<>();

    @Override
    public Analysis analyze(String userId, String cv) {
        String text = cv.toLowerCase(Locale.ROOT);
        return new Analysis("keyword", SKILLS.stream().filter(text::contains).collect(Collectors.toSet()));
    }

    @Override
    public void save(String userId, Analysis analysis) {
        saved.put(userId, analysis);
    }

    /**
     * What was saved for a user.
     *
     * @param userId the user
     * @return the analysis, or {@code null}
     */
    public Analysis saved(String userId) {
        return saved.get(userId);
    }

    static Stream<String> words(String cv) {
        return Stream.of(cv.toLowerCase(Locale.ROOT).split("[^a-z0-9+#]+"));
    }
}
