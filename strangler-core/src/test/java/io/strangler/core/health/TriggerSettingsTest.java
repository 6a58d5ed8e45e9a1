package io.strangler.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.RollbackScope;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The API type {@link TriggerSettings}, tested here because strangler-api has no tests of its own. */
class TriggerSettingsTest {

    @Test
    void defaultsAreThoseOfTheDesign() {
        TriggerSettings settings = TriggerSettings.ofDefaults();
        assertThat(settings.trigger(TriggerKind.ERROR_RATE)).isEqualTo(new Trigger(TriggerKind.ERROR_RATE, true,
                0.05, 30, RollbackAction.IMMEDIATE, RollbackScope.ROUTE));
        assertThat(settings.trigger(TriggerKind.LATENCY)).isEqualTo(new Trigger(TriggerKind.LATENCY, true,
                2.0, 30, RollbackAction.GRACEFUL, RollbackScope.ROUTE));
        assertThat(settings.trigger(TriggerKind.THROUGHPUT)).isEqualTo(new Trigger(TriggerKind.THROUGHPUT, true,
                0.9, 100, RollbackAction.GRACEFUL, RollbackScope.ROUTE));
        assertThat(settings.trigger(TriggerKind.MISMATCH_RATE)).isEqualTo(new Trigger(TriggerKind.MISMATCH_RATE,
                true, 0.01, 100, RollbackAction.IMMEDIATE, RollbackScope.ROUTE));
        assertThat(settings.trigger(TriggerKind.DATA_INTEGRITY)).isEqualTo(new Trigger(TriggerKind.DATA_INTEGRITY,
                true, 0, 1, RollbackAction.IMMEDIATE, RollbackScope.ALL));
        assertThat(settings.trigger(TriggerKind.BREAKER_OPEN)).isEqualTo(new Trigger(TriggerKind.BREAKER_OPEN,
                true, 0, 1, RollbackAction.IMMEDIATE, RollbackScope.ROUTE));
        assertThat(settings.confidence()).isEqualTo(0.95);
        assertThat(settings.gracefulRampDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.trigger(TriggerKind.BASELINE_THROUGHPUT)).isEqualTo(new Trigger(
                TriggerKind.BASELINE_THROUGHPUT, false, 0.9, 100, RollbackAction.MANUAL, RollbackScope.ROUTE));
        assertThat(settings.customTriggers()).isEmpty();
        assertThat(settings.enabledTriggers()).containsExactly(TriggerKind.ERROR_RATE, TriggerKind.LATENCY,
                TriggerKind.THROUGHPUT, TriggerKind.MISMATCH_RATE, TriggerKind.DATA_INTEGRITY,
                TriggerKind.BREAKER_OPEN);
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        TriggerSettings settings = TriggerSettings.custom()
                .threshold(TriggerKind.ERROR_RATE, 0.02)
                .minimumSample(TriggerKind.ERROR_RATE, 200)
                .action(TriggerKind.LATENCY, RollbackAction.MANUAL)
                .scope(TriggerKind.MISMATCH_RATE, RollbackScope.PHASE)
                .enabled(TriggerKind.THROUGHPUT, false)
                .threshold(TriggerKind.DATA_INTEGRITY, 2)
                .confidence(0.99)
                .gracefulRampDuration(Duration.ofMinutes(10))
                .build();
        assertThat(settings.trigger(TriggerKind.ERROR_RATE)).isEqualTo(new Trigger(TriggerKind.ERROR_RATE, true,
                0.02, 200, RollbackAction.IMMEDIATE, RollbackScope.ROUTE));
        assertThat(settings.trigger(TriggerKind.LATENCY).action()).isEqualTo(RollbackAction.MANUAL);
        assertThat(settings.trigger(TriggerKind.MISMATCH_RATE).scope()).isEqualTo(RollbackScope.PHASE);
        assertThat(settings.trigger(TriggerKind.DATA_INTEGRITY).threshold()).isEqualTo(2);
        assertThat(settings.enabledTriggers()).containsExactly(TriggerKind.ERROR_RATE, TriggerKind.LATENCY,
                TriggerKind.MISMATCH_RATE, TriggerKind.DATA_INTEGRITY, TriggerKind.BREAKER_OPEN);
        assertThat(settings.confidence()).isEqualTo(0.99);
        assertThat(settings.gracefulRampDuration()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void fromCopiesEverySettingAndLeavesTheBaseAlone() {
        TriggerSettings base = TriggerSettings.custom().confidence(0.99).enabled(TriggerKind.LATENCY, false).build();
        TriggerSettings copy = TriggerSettings.from(base).build();
        assertThat(copy).isEqualTo(base).hasSameHashCodeAs(base);
        TriggerSettings changed = TriggerSettings.from(base).confidence(0.9).build();
        assertThat(changed).isNotEqualTo(base);
        assertThat(base.confidence()).isEqualTo(0.99);
        assertThat(TriggerSettings.custom().build()).isEqualTo(TriggerSettings.ofDefaults());
        assertThat(base.toString()).contains("confidence=0.99", "LATENCY");
    }

    @ParameterizedTest
    @CsvSource({
        "ERROR_RATE, 0, 'ERROR_RATE.threshold must be in (0, 1), was 0.0'",
        "ERROR_RATE, 1, 'ERROR_RATE.threshold must be in (0, 1), was 1.0'",
        "ERROR_RATE, NaN, 'ERROR_RATE.threshold must be in (0, 1), was NaN'",
        "MISMATCH_RATE, -0.01, 'MISMATCH_RATE.threshold must be in (0, 1), was -0.01'",
        "THROUGHPUT, 1.2, 'THROUGHPUT.threshold must be in (0, 1), was 1.2'",
        "LATENCY, 1, 'LATENCY.threshold must be a finite ratio above 1, was 1.0'",
        "LATENCY, Infinity, 'LATENCY.threshold must be a finite ratio above 1, was Infinity'",
        "DATA_INTEGRITY, -1, 'DATA_INTEGRITY.threshold must be a whole number of failures, 0 or more, was -1.0'",
        "DATA_INTEGRITY, 0.5, 'DATA_INTEGRITY.threshold must be a whole number of failures, 0 or more, was 0.5'",
        "BREAKER_OPEN, 1, 'BREAKER_OPEN.threshold must be 0: the trigger fires when the breaker is open, was 1.0'"})
    void rejectsAThresholdOutOfRangeNamingTriggerFieldAndValue(TriggerKind kind, double threshold, String message) {
        assertThatThrownBy(() -> TriggerSettings.custom().threshold(kind, threshold))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({
        "ERROR_RATE, 0, 'ERROR_RATE.minimumSample must be at least 1, was 0'",
        "LATENCY, -5, 'LATENCY.minimumSample must be at least 1, was -5'",
        "DATA_INTEGRITY, 10, 'DATA_INTEGRITY.minimumSample must be 1: the trigger fires on a single event, was 10'",
        "BREAKER_OPEN, 2, 'BREAKER_OPEN.minimumSample must be 1: the trigger fires on a single event, was 2'"})
    void rejectsAMinimumSampleOutOfRange(TriggerKind kind, long minimumSample, String message) {
        assertThatThrownBy(() -> TriggerSettings.custom().minimumSample(kind, minimumSample))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 0.2, Double.NaN})
    void rejectsAConfidenceOutsideHalfToOne(double confidence) {
        assertThatThrownBy(() -> TriggerSettings.custom().confidence(confidence))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be in (0.5, 1), was " + confidence);
    }

    @Test
    void rejectsANonPositiveRampDuration() {
        assertThatThrownBy(() -> TriggerSettings.custom().gracefulRampDuration(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gracefulRampDuration must be positive, was PT0S");
        assertThatThrownBy(() -> TriggerSettings.custom().gracefulRampDuration(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("gracefulRampDuration");
    }

    @Test
    void rejectsNullsNamingTheField() {
        assertThatThrownBy(() -> TriggerSettings.custom().enabled(null, true))
                .isInstanceOf(NullPointerException.class).hasMessage("kind");
        assertThatThrownBy(() -> TriggerSettings.custom().action(TriggerKind.LATENCY, null))
                .isInstanceOf(NullPointerException.class).hasMessage("LATENCY.action");
        assertThatThrownBy(() -> TriggerSettings.custom().scope(TriggerKind.ERROR_RATE, null))
                .isInstanceOf(NullPointerException.class).hasMessage("ERROR_RATE.scope");
        assertThatThrownBy(() -> TriggerSettings.from(null))
                .isInstanceOf(NullPointerException.class).hasMessage("base");
    }

    @Test
    void judgementRejectsANegativeSampleAndNulls() {
        assertThatThrownBy(() -> new Judgement(TriggerKind.ERROR_RATE, Verdict.PASS, -1, 0, 0, 0.05, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n must not be negative, was -1");
        assertThatThrownBy(() -> new Judgement(TriggerKind.ERROR_RATE, null, 1, 0, 0, 0.05, "x"))
                .isInstanceOf(NullPointerException.class).hasMessage("verdict");
        assertThat(new Judgement(TriggerKind.BREAKER_OPEN, Verdict.FAIL, 1, 1, 1, 0, "open").failed()).isTrue();
    }
}
