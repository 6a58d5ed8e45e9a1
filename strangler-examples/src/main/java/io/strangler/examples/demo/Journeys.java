package io.strangler.examples.demo;

import io.strangler.examples.cv.ActionKind;
import io.strangler.examples.cv.Analysis;
import io.strangler.examples.cv.CachedProfile;
import io.strangler.examples.cv.FeedItem;
import io.strangler.examples.cv.GuardDecision;
import io.strangler.examples.cv.Job;
import io.strangler.examples.cv.JobCatalog;
import io.strangler.examples.cv.JobMatch;
import io.strangler.examples.cv.RecommendationFeed;
import io.strangler.examples.cv.UserAction;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What users do on the platform, through one instance's services: each journey calls several routes in turn, the
 * output of one feeding the next, as the platform's pages do. A call whose exception reaches the user is counted
 * against its route and ends the journey, as an error page would.
 */
final class Journeys {

    /** The kinds of journey, with how many start per virtual second across the fleet. */
    enum Kind {
        /** A user uploads a CV: analyzed, improvements planned, skills saved. */
        UPLOAD_CV(1),
        /** A user opens the job page: profile from the cache (rebuilt when stale), recommendations, the feed. */
        BROWSE_JOBS(2.5),
        /** A user applies for a job of their feed, through the breaker; some look at their history after. */
        APPLY(2);

        /** How many journeys of the kind start per virtual second, across the fleet. */
        final double perSecond;

        Kind(double perSecond) {
            this.perSecond = perSecond;
        }
    }

    private static final double HISTORY_SHARE = 0.25;
    private static final double LEARNS_SKILL_SHARE = 0.3;

    private final Population population;
    private final SharedData data;
    private final JobBoards boards;
    private final List<Job> jobs = JobCatalog.standard().jobs();
    private final Map<String, Long> callerErrors = new TreeMap<>();
    private final Map<Kind, Long> journeys = new EnumMap<>(Kind.class);

    /** Journeys of {@code population}'s users, writing down in {@code data} the keys they write. */
    Journeys(Population population, SharedData data, JobBoards boards) {
        this.population = population;
        this.data = data;
        this.boards = boards;
        PlatformInstance.routes().forEach(r -> callerErrors.put(r, 0L));
    }

    /**
     * Runs one journey of a user drawn from the population.
     *
     * @param kind the journey
     * @param services the services of the instance that serves it
     * @param now the virtual time it starts at
     */
    void run(Kind kind, Services services, Instant now) {
        journeys.merge(kind, 1L, Long::sum);
        User user = population.next();
        try {
            switch (kind) {
                case UPLOAD_CV -> uploadCv(services, user);
                case BROWSE_JOBS -> browse(services, user);
                case APPLY -> apply(services, user, now);
            }
        } catch (CallerError e) {
            // counted already; the user saw an error page and the journey ends here
        }
    }

    private void uploadCv(Services s, User user) {
        if (population.chance() < LEARNS_SKILL_SHARE) {
            user.newCv(population.someSkill());
        } else {
            user.newCv(null);
        }
        Analysis analysis = call(PlatformRoute.CV_ANALYZER, () -> s.analyzer().analyze(user.id(), user.cv()));
        call(PlatformRoute.IMPROVEMENT_ORCHESTRATOR, () -> s.improvements().plan(user.id(), analysis, user.role()));
        call(PlatformRoute.CV_ANALYZER, () -> {
            s.analyzer().save(user.id(), analysis);
            return null;
        });
        data.wrote(PlatformRoute.CV_ANALYZER.route(), user.id());
    }

    private void browse(Services s, User user) {
        CachedProfile cached = call(PlatformRoute.CACHE_MANAGER, () -> s.cache().get(user.id()));
        CachedProfile profile = cached;
        if (cached == null || cached.version() < user.profileVersion()) {
            profile = new CachedProfile(user.id(), user.profileSkills(), user.role(), user.profileVersion());
            CachedProfile fresh = profile;
            call(PlatformRoute.CACHE_MANAGER, () -> {
                s.cache().put(user.id(), fresh);
                return null;
            });
            data.wrote(PlatformRoute.CACHE_MANAGER.route(), user.id());
        }
        CachedProfile p = profile;
        List<JobMatch> matches = call(PlatformRoute.RECOMMENDATION_GENERATOR,
                () -> s.generator().recommend(user.id(), p.skills(), p.role()));
        RecommendationFeed feed = call(PlatformRoute.RECOMMENDATION_ORCHESTRATOR,
                () -> s.feeds().compose(user.id(), matches, user.applied()));
        user.saw(feed);
    }

    private void apply(Services s, User user, Instant now) {
        // the best job of the latest feed not applied for yet; a user with none picks one from the catalog
        FeedItem item = user.lastFeed() == null ? null : user.lastFeed().items().stream()
                .filter(i -> !user.applied().contains(i.jobId())).findFirst().orElse(null);
        Job job = jobs.get((int) (population.chance() * jobs.size()));
        String jobId = item != null ? item.jobId() : job.id();
        String partner = item != null ? item.partner() : job.partner();
        GuardDecision decision = call(PlatformRoute.CIRCUIT_BREAKER_CORE,
                () -> s.breaker().admit(user.id(), boards.health(partner, now)));
        ActionKind kind = decision == GuardDecision.REJECT ? ActionKind.SAVE : ActionKind.APPLY;
        UserAction action = new UserAction(kind, jobId, partner, now);
        call(PlatformRoute.ACTION_ORCHESTRATOR, () -> s.actions().perform(user.id(), action));
        data.wrote(PlatformRoute.ACTION_ORCHESTRATOR.route(), user.id());
        if (kind == ActionKind.APPLY) {
            user.applied().add(jobId);
        }
        if (population.chance() < HISTORY_SHARE) {
            call(PlatformRoute.ACTION_ORCHESTRATOR, () -> s.actions().history(user.id()));
        }
    }

    private <R> R call(PlatformRoute route, Supplier<R> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            callerErrors.merge(route.route(), 1L, Long::sum);
            throw new CallerError();
        }
    }

    /**
     * The exceptions that reached users, by route.
     *
     * @return the counts, by route name
     */
    Map<String, Long> callerErrors() {
        return Collections.unmodifiableMap(new TreeMap<>(callerErrors));
    }

    /**
     * The journeys run, by kind.
     *
     * @return the counts, in the order of the kinds
     */
    Map<Kind, Long> journeys() {
        return Collections.unmodifiableMap(new EnumMap<>(journeys));
    }

    /** A call failed for the user: the journey ends. */
    private static final class CallerError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallerError() {
            super(null, null, false, false);
        }
    }
}
