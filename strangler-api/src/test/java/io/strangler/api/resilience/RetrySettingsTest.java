package io.strangler.api.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RetrySettings} refuses bad values naming the field and the value; one attempt is no retry. */
class RetrySettingsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void maxAttemptsBelowOneIsRefused(int attempts) {
        assertThatThrownBy(() -> RetrySettings.of(attempts, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts").hasMessageContaining(String.valueOf(attempts));
    }

    @Test
    void negativeRetryWaitIsRefused() {
        assertThatThrownBy(() -> RetrySettings.of(3, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("waitDuration").hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> RetrySettings.of(3, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("waitDuration");
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(RetrySettings.of(1, Duration.ofSeconds(5)).enabled()).isFalse();
        assertThat(RetrySettings.of(2, Duration.ZERO).enabled()).isTrue();
    }

    @Test
    void retrySettingsAreValues() {
        RetrySettings three = RetrySettings.of(3, Duration.ofMillis(20));

        assertThat(three.maxAttempts()).isEqualTo(3);
        assertThat(three.waitDuration()).isEqualTo(Duration.ofMillis(20));
        assertThat(three).isEqualTo(RetrySettings.of(3, Duration.ofMillis(20)))
                .hasSameHashCodeAs(RetrySettings.of(3, Duration.ofMillis(20)))
                .isNotEqualTo(RetrySettings.of(3, Duration.ofMillis(21)));
        assertThat(RetrySettings.of(1, Duration.ofSeconds(5))).isSameAs(RetrySettings.none());
        assertThat(three).hasToString("RetrySettings{maxAttempts=3, waitDuration=PT0.02S}");
    }
}
