package io.strangler.examples.cv;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The legacy analyzer, the monolith's: looks for a fixed list of keywords anywhere in the text, so "JavaScript" counts
 * as "java" (a false positive the modern analyzer fixes).
 */
public final class KeywordCvAnalyzer implements CvAnalyzer {

    private static final String[] KEYWORDS = {"java", "kotlin", "sql", "kafka", "spring", "python", "aws"};

    private final KeyedStore<Analysis> store;

    /** An analyzer with a store of its own. */
    public KeywordCvAnalyzer() {
        this(new KeyedStore<>("legacy skills"));
    }

    /**
     * An analyzer keeping confirmed skills in {@code store}, which the service's instances share.
     *
     * @param store the legacy side's store of confirmed skills
     */
    public KeywordCvAnalyzer(KeyedStore<Analysis> store) {
        this.store = store;
    }

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
}
