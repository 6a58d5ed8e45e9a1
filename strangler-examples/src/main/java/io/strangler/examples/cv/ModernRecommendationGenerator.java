package io.strangler.examples.cv;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recommendation module: indexes the catalog by skill and by role once, so that a recommendation touches only
 * the jobs that share something with the user instead of the whole catalog.
 */
public final class ModernRecommendationGenerator implements RecommendationGenerator {

    private final List<Job> jobs;
    private final Map<String, List<Integer>> bySkill = new HashMap<>();
    private final Map<TargetRole, List<Integer>> byRole = new EnumMap<>(TargetRole.class);

    /**
     * A recommender over {@code catalog}.
     *
     * @param catalog the jobs
     */
    public ModernRecommendationGenerator(JobCatalog catalog) {
        this.jobs = catalog.jobs();
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            for (String skill : job.skills()) {
                bySkill.computeIfAbsent(skill, k -> new ArrayList<>()).add(j);
            }
            byRole.computeIfAbsent(job.role(), k -> new ArrayList<>()).add(j);
        }
    }

    @Override
    public List<JobMatch> recommend(String userId, List<String> skills, TargetRole role) {
        int[] scores = new int[jobs.size()];
        List<Integer> candidates = new ArrayList<>();
        for (String skill : skills) {
            for (int j : bySkill.getOrDefault(skill, List.of())) {
                add(scores, candidates, j, 10);
            }
        }
        for (int j : byRole.getOrDefault(role, List.of())) {
            add(scores, candidates, j, 15);
        }
        // best score first; among equals the lower job id, which is the catalog's order
        candidates.sort((a, b) -> scores[a] != scores[b] ? Integer.compare(scores[b], scores[a])
                : Integer.compare(a, b));
        List<JobMatch> matches = new ArrayList<>(LIMIT);
        for (int j : candidates.subList(0, Math.min(LIMIT, candidates.size()))) {
            Job job = jobs.get(j);
            matches.add(new JobMatch(job.id(), job.title(), job.company(), job.partner(), scores[j]));
        }
        return List.copyOf(matches);
    }

    private static void add(int[] scores, List<Integer> candidates, int job, int points) {
        if (scores[job] == 0) {
            candidates.add(job);
        }
        scores[job] += points;
    }
}
