package io.strangler.examples.cv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The feed module: the same rules as the monolith's, as a stream with the company limit as a filter. */
public final class ModernRecommendationOrchestrator implements RecommendationOrchestrator {

    @Override
    public RecommendationFeed compose(String userId, List<JobMatch> matches, Set<String> appliedJobIds) {
        Map<String, Integer> perCompany = new HashMap<>();
        List<FeedItem> items = matches.stream()
                .filter(m -> !appliedJobIds.contains(m.jobId()))
                .filter(m -> perCompany.merge(m.company(), 1, Integer::sum) <= RecommendationFeed.PER_COMPANY)
                .limit(RecommendationFeed.SIZE)
                .map(m -> new FeedItem(m.jobId(), m.title(), m.company(), m.partner(),
                        RecommendationOrchestrator.label(m.score())))
                .toList();
        return new RecommendationFeed(userId, items);
    }
}
