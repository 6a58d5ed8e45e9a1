package io.strangler.examples.cv;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where an analyzer keeps users' confirmed skills: each side of the migration has its own. */
final class SkillStore {

    private final Map<String, Analysis> saved = new ConcurrentHashMap<>();

    void put(String userId, Analysis analysis) {
        saved.put(userId, analysis);
    }

    Analysis get(String userId) {
        return saved.get(userId);
    }

    Set<String> users() {
        return Set.copyOf(saved.keySet());
    }

    int size() {
        return saved.size();
    }
}
