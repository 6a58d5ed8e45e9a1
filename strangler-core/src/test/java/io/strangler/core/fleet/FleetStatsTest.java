package io.strangler.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.LatencyDistribution;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.api.resilience.CircuitBreakerState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counters that add up across instances, their JSON form, and the fleet's sum as instances come, go and restart. */
class FleetStatsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static RouteStats stats(long legacyCalls, long modernCalls, long modernErrors, CircuitBreakerState b) {
        LatencyDistribution latency = LatencyDistribution.ofBuckets(new long[] {1_000}, new long[] {1_009},
                new long[] {modernCalls});
        return new RouteStats("r",
                new RouteStats.SideStats(Side.LEGACY, legacyCalls, 0, 0, 0, LatencyDistribution.EMPTY),
                new RouteStats.SideStats(Side.MODERN, modernCalls - modernErrors, modernErrors, 0, 0, latency),
                new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0), new RouteStats.SecondaryWrites(0, 0, 0, 0, 0), b);
    }

    @Test
    void latencyDistributionsAddBucketByBucket() {
        LatencyDistribution a = LatencyDistribution.ofBuckets(new long[] {10, 30}, new long[] {19, 39},
                new long[] {2, 1});
        LatencyDistribution b = LatencyDistribution.ofBuckets(new long[] {20, 30}, new long[] {29, 39},
                new long[] {4, 5});

        LatencyDistribution sum = a.plus(b);

        assertThat(sum).isEqualTo(LatencyDistribution.ofBuckets(new long[] {10, 20, 30}, new long[] {19, 29, 39},
                new long[] {2, 4, 6}));
        assertThat(sum.minus(b)).isEqualTo(LatencyDistribution.ofBuckets(new long[] {10, 30}, new long[] {19, 39},
                new long[] {2, 1}));
        assertThat(a.plus(LatencyDistribution.EMPTY)).isSameAs(a);
        assertThatThrownBy(() -> a.plus(LatencyDistribution.ofBuckets(new long[] {15}, new long[] {16},
                new long[] {1}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("can't add latency buckets that overlap: [10, 19] and [15, 16]");
    }

    @Test
    void routeStatsAddAndTheMoreOpenBreakerWins() {
        RouteStats sum = stats(10, 5, 1, CircuitBreakerState.CLOSED).plus(stats(20, 7, 2, CircuitBreakerState.OPEN));

        assertThat(sum.legacy().calls()).isEqualTo(30);
        assertThat(sum.modern().calls()).isEqualTo(12);
        assertThat(sum.modern().errors()).isEqualTo(3);
        assertThat(sum.modern().timedCalls()).isEqualTo(12);
        assertThat(sum.breaker()).isEqualTo(CircuitBreakerState.OPEN);
        assertThatThrownBy(() -> sum.plus(new RouteStats("other", sum.legacy(), sum.modern(), sum.shadow(),
                sum.secondaryWrites(), CircuitBreakerState.CLOSED)))
                .hasMessage("can't add the stats of route 'other' to those of 'r'");
    }

    @Test
    void theJsonFormKeepsEveryCounterAndRefusesBadRecords() {
        RouteStats s = new RouteStats("r", stats(10, 5, 1, CircuitBreakerState.CLOSED).legacy(),
                stats(10, 5, 1, CircuitBreakerState.CLOSED).modern(),
                new RouteStats.ShadowStats(1, 2, 3, 4, 5, 6, 7, 8),
                new RouteStats.SecondaryWrites(9, 10, 11, 12, 13), CircuitBreakerState.HALF_OPEN);

        assertThat(RouteStatsCodec.fromJson("x", RouteStatsCodec.toJson(s))).isEqualTo(s);

        String json = RouteStatsCodec.toJson(s);
        assertThatThrownBy(() -> RouteStatsCodec.fromJson("instance 'a', route 'r'",
                json.replace("\"counts\":[4,1", "\"counts\":[-4,1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instance 'a', route 'r': published stats.modern: field 'counts'")
                .hasMessageContaining("element 0 is -4");
        assertThatThrownBy(() -> RouteStatsCodec.fromJson("x", json.replace("\"format\":1", "\"format\":2")))
                .hasMessageContaining("field 'format' has the bad value 2: a format from 1 to 1 (written by a newer "
                        + "Strangler?)");
        assertThatThrownBy(() -> RouteStatsCodec.fromJson("x", json.replace("\"n\":[5]", "\"n\":[5,6]")))
                .hasMessageContaining("field 'n'").hasMessageContaining("an array of 1 counters");
        assertThatThrownBy(() -> RouteStatsCodec.fromJson("x", json.replace("HALF_OPEN", "AJAR")))
                .hasMessageContaining("field 'breaker'");
        assertThatThrownBy(() -> RouteStatsCodec.fromJson("x", "{not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: published stats");
    }

    @Test
    void measuresTravelInTheJsonFormAndAddUpAcrossTheFleet() {
        RouteStats.MeasureStats cost = new RouteStats.MeasureStats(new RouteStats.Moments(3, 30.5, 320.25),
                new RouteStats.Moments(2, 41, 850.5));
        RouteStats base = stats(10, 5, 1, CircuitBreakerState.CLOSED);
        RouteStats s = new RouteStats("r", base.legacy(), base.modern(), base.shadow(), base.secondaryWrites(),
                base.breaker(), Map.of("cost", cost));

        assertThat(RouteStatsCodec.fromJson("x", RouteStatsCodec.toJson(s))).isEqualTo(s);
        assertThat(RouteStatsCodec.toJson(base)).as("no measures, no field").doesNotContain("measures");
        assertThatThrownBy(() -> RouteStatsCodec.fromJson("x", RouteStatsCodec.toJson(s).replace("[3,", "[-3,")))
                .hasMessageContaining("field 'measures.cost'").hasMessageContaining("whole counts of 0 or more");

        FleetStats fleet = new FleetStats("me", Duration.ofSeconds(45));
        Map<String, RouteStats> mine = Map.of("r", s);
        fleet.update(T0, mine, List.of());
        RouteStats more = new RouteStats("r", base.legacy(), base.modern(), base.shadow(), base.secondaryWrites(),
                base.breaker(), Map.of("cost", cost.plus(cost)));
        fleet.update(T0.plusSeconds(1), Map.of("r", more), List.of(new PublishedStats("b", T0.plusSeconds(1), s)));
        RouteStats total = fleet.total("r");
        assertThat(total.measure("cost").modern().count()).as("mine, whole; b's first round is its base")
                .isEqualTo(4);
        assertThat(total.measure("cost").legacy().sum()).isEqualTo(61);
        fleet.update(T0.plusSeconds(2), Map.of("r", more), List.of(new PublishedStats("b", T0.plusSeconds(2),
                more)));
        assertThat(fleet.total("r").measure("cost").modern().count()).as("b's 2 new values").isEqualTo(6);
        assertThat(total.measure("none")).isEqualTo(RouteStats.MeasureStats.EMPTY);
    }

    @Test
    void anInstanceThatRestartsUnderTheSameIdBringsItsNewCountersWhole() {
        FleetStats fleet = new FleetStats("me", Duration.ofSeconds(45));
        Map<String, RouteStats> mine = Map.of("r", stats(0, 0, 0, CircuitBreakerState.CLOSED));
        fleet.update(T0, mine, List.of(new PublishedStats("b", T0, stats(100, 50, 0, CircuitBreakerState.CLOSED))));
        assertThat(fleet.total("r").modern().calls()).as("the first round is the base").isZero();

        fleet.update(T0.plusSeconds(1), mine,
                List.of(new PublishedStats("b", T0.plusSeconds(1), stats(110, 60, 0, CircuitBreakerState.CLOSED))));
        assertThat(fleet.total("r").modern().calls()).isEqualTo(10);

        fleet.update(T0.plusSeconds(2), mine, List.of(new PublishedStats("b", T0.plusSeconds(2),
                stats(3, 4, 1, CircuitBreakerState.CLOSED))));
        assertThat(fleet.total("r").modern().calls()).as("restarted: its 4 new calls").isEqualTo(14);
        assertThat(fleet.total("r").modern().errors()).isEqualTo(1);

        fleet.update(T0.plusSeconds(3), mine, List.of(new PublishedStats("b", T0.plusSeconds(2),
                stats(3, 4, 1, CircuitBreakerState.CLOSED))));
        assertThat(fleet.total("r").modern().calls()).as("nothing new published").isEqualTo(14);
        fleet.update(T0.plusSeconds(4), mine, null);
        assertThat(fleet.total("r").modern().calls()).as("store unreadable: the others wait").isEqualTo(14);
        assertThat(fleet.instances("r", T0.plusSeconds(4))).isEqualTo(2);
    }

    @Test
    void anOpenBreakerCountsWhileItsInstanceStillPublishes() {
        FleetStats fleet = new FleetStats("me", Duration.ofSeconds(45));
        Map<String, RouteStats> mine = Map.of("r", stats(0, 0, 0, CircuitBreakerState.CLOSED));
        List<PublishedStats> open = List.of(new PublishedStats("b", T0, stats(1, 1, 1, CircuitBreakerState.OPEN)));

        fleet.update(T0, mine, open);
        assertThat(fleet.total("r").breaker()).isEqualTo(CircuitBreakerState.OPEN);

        fleet.update(T0.plusSeconds(46), mine, open);
        assertThat(fleet.total("r").breaker()).as("b stopped publishing 46 s ago").isEqualTo(
                CircuitBreakerState.CLOSED);
        assertThat(fleet.instances("r", T0.plusSeconds(46))).isEqualTo(1);
    }
}
