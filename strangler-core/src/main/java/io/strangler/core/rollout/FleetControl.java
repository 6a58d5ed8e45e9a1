package io.strangler.core.rollout;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteStats;
import io.strangler.core.fleet.ControllerLease;
import io.strangler.core.fleet.FleetStats;
import io.strangler.core.fleet.FleetStore;
import io.strangler.core.fleet.PublishedStats;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet controller's share of the fleet: it publishes this instance's counters and sums everyone's
 * ({@link FleetStats}), and takes, renews and gives up the controller lease. A store that fails is logged once (and
 * again once it works), never let stop a tick: the counters of the other instances wait, this instance's still
 * count; the lease is kept while the last renewal has a fifth of its time left, then the controller stands by, since
 * by then another instance may take it. Guarded by the controller's lock.
 */
final class FleetControl {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);
    /** Counters published longer ago than this are dropped from the store. */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    /** What a tick does with the lease. */
    enum Turn {
        /** Another instance holds it: stand by. */
        STANDBY,
        /** Taken by this instance at this tick: carry on from the journal, then act. */
        TOOK_OVER,
        /** Held and renewed: act. */
        LEADS
    }

    private final FleetStore store;
    private final String leaseName;
    private final String instance;
    private final Duration leaseTime;
    private final FleetStats stats;
    private @Nullable ControllerLease lease;
    private boolean leading;
    private boolean leaseFailing;
    private boolean countersFailing;
    private @Nullable Instant forgotAt;

    FleetControl(FleetStore store, String leaseName, String instance, Duration leaseTime) {
        this.store = store;
        this.leaseName = leaseName;
        this.instance = instance;
        this.leaseTime = leaseTime;
        // an instance's open breaker counts for three lease times after it last published
        this.stats = new FleetStats(instance, leaseTime.multipliedBy(3));
    }

    String instance() {
        return instance;
    }

    boolean leads() {
        return leading;
    }

    Optional<ControllerLease> lease() {
        return Optional.ofNullable(lease);
    }

    /** Who holds the lease, for messages. */
    String holderText() {
        return lease == null || lease.holder().isEmpty() ? "no instance holds the controller lease yet"
                : "instance '" + lease.holder() + "' holds the controller lease (epoch " + lease.epoch() + ") until "
                        + lease.expiresAt();
    }

    /** How many instances' counters of {@code route} were judged at {@code now}, and who holds the lease. */
    String describe(String route, Instant now) {
        int instances = stats.instances(route, now);
        return "judged on the counters of " + instances + (instances == 1 ? " instance" : " instances")
                + " (this one is '" + instance + "'); " + holderText();
    }

    /** The fleet's counters of {@code route}. */
    RouteStats total(String route) {
        return stats.total(route);
    }

    /** Publishes this instance's counters, reads everyone's and adds the round to the fleet's sums. */
    void shareCounters(Instant now, MigrationRouter router) {
        Map<String, RouteStats> local = new LinkedHashMap<>();
        for (Route<?> route : router.routes()) {
            local.put(route.name(), route.stats());
        }
        List<PublishedStats> published = null;
        try {
            store.publish(instance, now, local.values());
            published = store.published();
            if (forgotAt == null || !now.isBefore(forgotAt.plus(Duration.ofMinutes(10)))) {
                forgotAt = now;
                if (leading) {
                    store.forget(now.minus(FORGET_AFTER));
                }
            }
            if (countersFailing) {
                countersFailing = false;
                LOG.info("instance '{}': the fleet store ({}) takes and gives counters again", instance, store);
            }
        } catch (RuntimeException e) {
            if (!countersFailing) {
                countersFailing = true;
                LOG.error("instance '{}': sharing counters through the fleet store ({}) failed; the triggers judge "
                        + "this instance's traffic, the others' arrives when the store answers again", instance, store,
                        e);
            }
        }
        stats.update(now, local, published);
    }

    /** Takes or renews the lease. */
    Turn lead(Instant now) {
        ControllerLease got;
        try {
            got = store.acquire(leaseName, instance, now, leaseTime);
            if (leaseFailing) {
                leaseFailing = false;
                LOG.info("instance '{}': the fleet store ({}) answers lease requests again", instance, store);
            }
        } catch (RuntimeException e) {
            boolean keep = leading && lease != null && now.isBefore(lease.expiresAt().minus(leaseTime.dividedBy(5)));
            if (!leaseFailing) {
                leaseFailing = true;
                LOG.error("instance '{}': asking the fleet store ({}) for the controller lease failed; {}", instance,
                        store, keep ? "it keeps acting until " + lease.expiresAt().minus(leaseTime.dividedBy(5))
                                + ", then stands by" : "it stands by", e);
            }
            if (leading && !keep) {
                leading = false;
                LOG.warn("instance '{}': stands by: it could not renew the controller lease, which runs out at {}",
                        instance, lease == null ? null : lease.expiresAt());
            }
            return leading ? Turn.LEADS : Turn.STANDBY;
        }
        ControllerLease before = lease;
        lease = got;
        boolean holds = got.heldBy(instance, now);
        if (holds && !leading) {
            leading = true;
            LOG.warn("instance '{}': took the controller lease '{}' (epoch {}){}; carrying on from the journal",
                    instance, leaseName, got.epoch(), before == null || before.holder().isEmpty()
                            || before.holder().equals(instance) ? "" : " from instance '" + before.holder() + "'");
            return Turn.TOOK_OVER;
        }
        if (!holds && leading) {
            leading = false;
            LOG.warn("instance '{}': lost the controller lease '{}' to instance '{}' (epoch {}); stands by",
                    instance, leaseName, got.holder(), got.epoch());
        }
        return holds ? Turn.LEADS : Turn.STANDBY;
    }

    /** Gives the lease up, so that another instance takes it at once. */
    void release() {
        if (!leading) {
            return;
        }
        leading = false;
        try {
            store.release(leaseName, instance);
            LOG.info("instance '{}': gave the controller lease '{}' up", instance, leaseName);
        } catch (RuntimeException e) {
            LOG.warn("instance '{}': giving the controller lease '{}' up failed; another instance takes it when it "
                    + "runs out", instance, leaseName, e);
        }
    }
}
