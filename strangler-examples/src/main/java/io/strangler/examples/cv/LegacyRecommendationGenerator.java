package io.strangler.examples.cv;

import java.util.ArrayList;
import java.util.List;

/**
 * The monolith's recommender: scores every job of the catalog against the user's skills, one by one, then picks the
 * best job, the next best, and so on.
 */
public final class LegacyRecommendationGenerator implements RecommendationGenerator {

    private final JobCatalog catalog;

    /**
     * A recommender over {@code catalog}.
     *
     * @param catalog the jobs
     */
    public LegacyRecommendationGenerator(JobCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<JobMatch> recommend(String userId, List<String> skills, TargetRole role) {
        List<Job> jobs = catalog.jobs();
        int[] scores = new int[jobs.size()];
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            for (String skill : skills) {
                if (job.skills().contains(skill)) {
                    scores[j] += 10;
                }
            }
            if (job.role() == role) {
                scores[j] += 15;
            }
        }
        // the best job not taken yet, LIMIT times over; the first of equals wins, and the catalog is in id order
        List<JobMatch> matches = new ArrayList<>(LIMIT);
        boolean[] taken = new boolean[jobs.size()];
        while (matches.size() < LIMIT) {
            int best = -1;
            for (int j = 0; j < jobs.size(); j++) {
                if (!taken[j] && scores[j] > 0 && (best < 0 || scores[j] > scores[best])) {
                    best = j;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            Job job = jobs.get(best);
            matches.add(new JobMatch(job.id(), job.title(), job.company(), job.partner(), scores[best]));
        }
        return List.copyOf(matches);
    }
}
