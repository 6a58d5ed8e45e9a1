package io.strangler.examples.cv;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The modern analyzer, the CV module's: tokenises the CV and matches whole words, so "JavaScript" is no longer read
 * as "java".
 */
public final class TokenCvAnalyzer implements CvAnalyzer {

    private static final Set<String> VOCABULARY = Set.of("java", "kotlin", "sql", "kafka", "spring", "python", "aws");

    private final KeyedStore<Analysis> store;

    /** An analyzer with a store of its own. */
    public TokenCvAnalyzer() {
        this(new KeyedStore<>("modern skills"));
    }

    /**
     * An analyzer keeping confirmed skills in {@code store}, which the service's instances share.
     *
     * @param store the modern side's store of confirmed skills
     */
    public TokenCvAnalyzer(KeyedStore<Analysis> store) {
        this.store = store;
    }

    @Override
    public Analysis analyze(String userId, String cv) {
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
        store.put(userId, analysis);
    }
}
