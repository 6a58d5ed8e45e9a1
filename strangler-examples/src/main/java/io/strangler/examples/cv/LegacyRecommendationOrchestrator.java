package io.strangler.examples.cv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The monolith's feed builder: one pass over the matches with counters per company. */
public final class LegacyRecommendationOrchestrator implements RecommendationOrchestrator {

    @Override
    public RecommendationFeed compose(String userId, List<JobMatch> matches, Set<String> appliedJobIds) {
        List<FeedItem> items = new ArrayList<>();
        Map<String, Integer> perCompany = new HashMap<>();
        for (JobMatch m : matches) {
            if (items.size() == RecommendationFeed.SIZE) {
                break;
            }
            if (appliedJobIds.contains(m.jobId())) {
                continue;
            }
            int shown = perCompany.getOrDefault(m.company(), 0);
            if (shown == RecommendationFeed.PER_COMPANY) {
                continue;
            }
            perCompany.put(m.company(), shown + 1);
            items.add(new FeedItem(m.jobId(), m.title(), m.company(), m.partner(),
                    RecommendationOrchestrator.label(m.score())));
        }
        return new RecommendationFeed(userId, items);
    }
}
