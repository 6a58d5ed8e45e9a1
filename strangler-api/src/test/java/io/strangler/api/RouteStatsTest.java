package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.RouteStats.SecondaryWrites;
import io.strangler.api.RouteStats.ShadowStats;
import io.strangler.api.RouteStats.SideStats;
import io.strangler.api.resilience.CircuitBreakerState;
import org.junit.jupiter.api.Test;

/** Snapshots of a route's counters: what they add up to, and the interval between two of them. */
class RouteStatsTest {

    private static RouteStats snapshot(String route, long scale, CircuitBreakerState breaker,
            LatencyDistribution modernLatency) {
        return new RouteStats(route,
                new SideStats(Side.LEGACY, 10 * scale, 2 * scale, 0, 0, LatencyDistribution.of(100, 200)),
                new SideStats(Side.MODERN, 20 * scale, 3 * scale, 4 * scale, scale, modernLatency),
                new ShadowStats(5 * scale, 2 * scale, scale, scale, scale, 3 * scale, scale, 2 * scale),
                new SecondaryWrites(7 * scale, scale, 2 * scale, 3 * scale, scale),
                breaker);
    }

    @Test
    void minusHoldsWhatHappenedInBetweenAndTheLaterBreakerState() {
        RouteStats earlier = snapshot("orders", 1, CircuitBreakerState.CLOSED, LatencyDistribution.of(10, 20));
        RouteStats later = snapshot("orders", 3, CircuitBreakerState.OPEN, LatencyDistribution.of(10, 20, 20, 30));

        RouteStats interval = later.minus(earlier);

        assertThat(interval).isEqualTo(new RouteStats("orders",
                new SideStats(Side.LEGACY, 20, 4, 0, 0, LatencyDistribution.EMPTY),
                new SideStats(Side.MODERN, 40, 6, 8, 2, LatencyDistribution.of(20, 30)),
                new ShadowStats(10, 4, 2, 2, 2, 6, 2, 4),
                new SecondaryWrites(14, 2, 4, 6, 2),
                CircuitBreakerState.OPEN));
        assertThat(interval.modern().calls()).isEqualTo(54);
        assertThat(interval.modern().timedCalls()).isEqualTo(2);
        assertThat(interval.shadow().compared()).isEqualTo(16);
    }

    @Test
    void aSnapshotMinusItselfIsAllZeros() {
        RouteStats stats = snapshot("orders", 2, CircuitBreakerState.HALF_OPEN, LatencyDistribution.of(1, 2, 3));
        RouteStats none = stats.minus(stats);

        assertThat(none.legacy().calls()).isZero();
        assertThat(none.modern().calls()).isZero();
        assertThat(none.modern().latency()).isEqualTo(LatencyDistribution.EMPTY);
        assertThat(none.shadow().compared()).isZero();
        assertThat(none.secondaryWrites()).isEqualTo(new SecondaryWrites(0, 0, 0, 0, 0));
        assertThat(none.breaker()).isEqualTo(CircuitBreakerState.HALF_OPEN);
    }

    @Test
    void subtractingAnotherRoutesStatsIsRefusedNamingBothRoutes() {
        RouteStats orders = snapshot("orders", 1, CircuitBreakerState.CLOSED, LatencyDistribution.EMPTY);
        RouteStats users = snapshot("users", 1, CircuitBreakerState.CLOSED, LatencyDistribution.EMPTY);

        assertThatThrownBy(() -> orders.minus(users)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("can't subtract the stats of route 'users' from those of 'orders'");
    }

    @Test
    void aSidesFiguresAddUp() {
        SideStats modern = new SideStats(Side.MODERN, 90, 6, 4, 3, LatencyDistribution.of(10, 20, 30, 40));

        assertThat(modern.calls()).as("successes, errors and fallbacks").isEqualTo(100);
        assertThat(modern.timedCalls()).isEqualTo(4);
        assertThat(modern.p50Nanos()).isEqualTo(20);
        assertThat(modern.p95Nanos()).isEqualTo(40);
        assertThat(modern.p99Nanos()).isEqualTo(40);
        RouteStats stats = snapshot("orders", 1, CircuitBreakerState.CLOSED, LatencyDistribution.EMPTY);
        assertThat(stats.side(Side.LEGACY)).isSameAs(stats.legacy());
        assertThat(stats.side(Side.MODERN)).isSameAs(stats.modern());
    }

    @Test
    void nullFieldsAreRefusedNamingThem() {
        SideStats legacy = new SideStats(Side.LEGACY, 0, 0, 0, 0, LatencyDistribution.EMPTY);
        ShadowStats shadow = new ShadowStats(0, 0, 0, 0, 0, 0, 0, 0);
        SecondaryWrites writes = new SecondaryWrites(0, 0, 0, 0, 0);
        CircuitBreakerState closed = CircuitBreakerState.CLOSED;

        assertThatThrownBy(() -> new RouteStats(null, legacy, legacy, shadow, writes, closed))
                .isInstanceOf(NullPointerException.class).hasMessage("route");
        assertThatThrownBy(() -> new RouteStats("r", null, legacy, shadow, writes, closed))
                .isInstanceOf(NullPointerException.class).hasMessage("legacy");
        assertThatThrownBy(() -> new RouteStats("r", legacy, null, shadow, writes, closed))
                .isInstanceOf(NullPointerException.class).hasMessage("modern");
        assertThatThrownBy(() -> new RouteStats("r", legacy, legacy, null, writes, closed))
                .isInstanceOf(NullPointerException.class).hasMessage("shadow");
        assertThatThrownBy(() -> new RouteStats("r", legacy, legacy, shadow, null, closed))
                .isInstanceOf(NullPointerException.class).hasMessage("secondaryWrites");
        assertThatThrownBy(() -> new RouteStats("r", legacy, legacy, shadow, writes, null))
                .isInstanceOf(NullPointerException.class).hasMessage("breaker");
        assertThatThrownBy(() -> new SideStats(null, 0, 0, 0, 0, LatencyDistribution.EMPTY))
                .isInstanceOf(NullPointerException.class).hasMessage("side");
        assertThatThrownBy(() -> new SideStats(Side.LEGACY, 0, 0, 0, 0, null))
                .isInstanceOf(NullPointerException.class).hasMessage("latency");
    }
}
