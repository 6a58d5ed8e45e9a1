package com.example.cv;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The new analyzer: whole words only. */
public final class TokenCvAnalyzer implements CvAnalyzer {

    private static final Set<String> SKILLS = Set.of("java", "sql", "kotlin");

    private final Map<String, Analysis> saved = new ConcurrentHashMap<>();

    @Override
    public Analysis analyze(String userId, String cv) {
        return new Analysis("token", KeywordCvAnalyzer.words(cv).filter(SKILLS::contains).collect(Collectors.toSet()));
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
}
