package io.strangler.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Side;
import io.strangler.api.spi.RoutingKeyResolver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Where keys come from and how long they stay pinned: the rules and the defaults. */
class KeySettingsTest {

    @Test
    void negativePinTtlIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> KeySettings.custom().pinFor(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pinTtl").hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> KeySettings.custom().pinFor(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("pinTtl");
    }

    @Test
    void nullsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> KeySettings.custom().nullKeyPolicy(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("keys.nullKeyPolicy");
        assertThatThrownBy(() -> KeySettings.custom().resolver(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("keys.resolver");
    }

    @Test
    void theDefaultsSendKeylessCallsToLegacyAndPinNothing() {
        KeySettings defaults = KeySettings.ofDefaults();

        assertThat(defaults.nullKeyPolicy()).isEqualTo(Side.LEGACY);
        assertThat(defaults.requireRoutingKey()).isFalse();
        assertThat(defaults.resolver()).isNull();
        assertThat(defaults.pinTtl()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theSettingsSetAreKept() {
        RoutingKeyResolver resolver = (route, method, arguments) -> "user-1";
        KeySettings keys = KeySettings.custom().nullKeyPolicy(Side.MODERN).requireRoutingKey(true).resolver(resolver)
                .pinFor(Duration.ZERO).pinFor(Duration.ofHours(1)).build();

        assertThat(keys.nullKeyPolicy()).isEqualTo(Side.MODERN);
        assertThat(keys.requireRoutingKey()).isTrue();
        assertThat(keys.resolver()).isSameAs(resolver);
        assertThat(keys.pinTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(keys.toString()).contains("MODERN", "PT1H");
    }
}
