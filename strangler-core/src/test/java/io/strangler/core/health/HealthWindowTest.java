package io.strangler.core.health;

import io.strangler.core.metrics.Latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Side;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HealthWindowTest {

    @Test
    void theUpperBoundOfAPercentileIsAboveTheSamplesAndNamesABadArgument() {
        long[] nanos = new long[1_000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = 1_000L * (i + 1);
        }
        HealthWindow.SideWindow legacy = HealthWindow.builder().legacyLatencyNanos(nanos).build().legacy();
        assertThat(legacy.latencyAtPercentile(95)).isEqualTo(950_000);
        assertThat(legacy.latencyAtPercentileUpperBound(95, 0.95)).isEqualTo(961_000);
        assertThat(legacy.latencyAtPercentileUpperBound(95, 0.99)).isGreaterThan(961_000);
        assertThat(HealthWindow.builder().build().legacy().latencyAtPercentileUpperBound(95, 0.95)).isZero();
        assertThatThrownBy(() -> legacy.latencyAtPercentileUpperBound(100, 0.95))
                .hasMessage("percentile must be in (0, 100), was 100.0");
        assertThatThrownBy(() -> legacy.latencyAtPercentileUpperBound(95, 1.0))
                .hasMessage("confidence must be in (0.5, 1), was 1.0");
    }

    @Test
    void anEmptyWindowHasNoCallsAndAnUnknownShare() {
        HealthWindow window = HealthWindow.builder().build();
        assertThat(window.modern().calls()).isZero();
        assertThat(window.legacy().timedCalls()).isZero();
        assertThat(window.legacy().latencyAtPercentile(95)).isZero();
        assertThat(window.modernRoutedShare()).isNaN();
        assertThat(window.legacyBaseline()).isEmpty();
        assertThat(window.modernBreakerOpen()).isFalse();
    }

    @Test
    void keepsWhatItIsGiven() {
        HealthWindow window = HealthWindow.builder().legacy(900, 9).modern(100, 2).shadow(50, 1)
                .dataIntegrityFailures(3).modernBreakerOpen(true).modernRoutedShare(0.1)
                .legacyBaseline(2_000_000, 0.01).build();
        assertThat(window.side(Side.LEGACY).calls()).isEqualTo(900);
        assertThat(window.side(Side.MODERN).errors()).isEqualTo(2);
        assertThat(window.shadowComparisons()).isEqualTo(50);
        assertThat(window.shadowMismatches()).isEqualTo(1);
        assertThat(window.dataIntegrityFailures()).isEqualTo(3);
        assertThat(window.modernBreakerOpen()).isTrue();
        assertThat(window.modernRoutedShare()).isEqualTo(0.1);
        assertThat(window.legacyBaseline()).contains(new HealthWindow.LegacyBaseline(2_000_000, 0.01));
        assertThat(window.toString()).contains("MODERN{calls=100, errors=2, timedCalls=0}");
    }

    @Test
    void percentilesOfRawLatenciesFollowHdrHistogramsRank() {
        long[] nanos = new long[20];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (20 - i) * 1000L;
        }
        HealthWindow.SideWindow side = HealthWindow.builder().modernLatencyNanos(nanos).build().modern();
        assertThat(side.timedCalls()).isEqualTo(20);
        assertThat(side.latencyAtPercentile(95)).isEqualTo(19_000);
        assertThat(side.latencyAtPercentile(100)).isEqualTo(20_000);
        assertThat(side.latencyAtPercentile(1)).isEqualTo(1_000);
        assertThat(side.timedCallsAbove(18_000)).isEqualTo(2);
        assertThat(side.timedCallsAbove(18_001)).isEqualTo(2);
        assertThat(side.timedCallsAbove(17_999)).isEqualTo(3);
    }

    @Test
    void copiesHistogramsAndArraysSoLaterRecordingChangesNothing() {
        Histogram histogram = new Histogram(3);
        histogram.recordValue(1000);
        long[] nanos = {1000, 2000};
        HealthWindow window = HealthWindow.builder().legacyLatency(Latencies.of(histogram)).modernLatencyNanos(nanos).build();
        histogram.recordValue(5000);
        nanos[0] = 9_000_000;
        assertThat(window.legacy().timedCalls()).isEqualTo(1);
        assertThat(window.modern().latencyAtPercentile(50)).isEqualTo(1000);
    }

    @Test
    void rejectsMoreErrorsThanCalls() {
        assertThatThrownBy(() -> HealthWindow.builder().modern(10, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("modern.errors must be in [0, modern.calls=10], was 11");
        assertThatThrownBy(() -> HealthWindow.builder().legacy(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("legacy.calls must not be negative, was -1");
    }

    @Test
    void rejectsMoreMismatchesThanComparisons() {
        assertThatThrownBy(() -> HealthWindow.builder().shadow(5, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadowMismatches must be in [0, shadowComparisons=5], was 6");
    }

    @Test
    void rejectsARoutedShareOutsideZeroToOne() {
        assertThatThrownBy(() -> HealthWindow.builder().modernRoutedShare(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("modernRoutedShare must be in [0, 1], was 1.5");
    }

    @Test
    void rejectsNegativeFailuresAndLatencies() {
        assertThatThrownBy(() -> HealthWindow.builder().dataIntegrityFailures(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataIntegrityFailures must not be negative, was -1");
        assertThatThrownBy(() -> HealthWindow.builder().modernLatencyNanos(5, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencies must not be negative, was -3");
        assertThatThrownBy(() -> HealthWindow.builder().legacyLatency(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("legacyLatency");
    }

    @Test
    void rejectsAnImpossibleBaseline() {
        assertThatThrownBy(() -> HealthWindow.builder().legacyBaseline(0, 0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("legacyBaseline.p95Nanos must be positive, was 0");
        assertThatThrownBy(() -> HealthWindow.builder().legacyBaseline(1000, 1.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("legacyBaseline.errorRate must be in [0, 1], was 1.1");
    }

    @Test
    void rejectsAPercentileOutsideZeroToHundred() {
        assertThatThrownBy(() -> HealthWindow.builder().build().modern().latencyAtPercentile(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile must be in (0, 100], was 0.0");
    }
}
