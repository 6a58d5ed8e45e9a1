package io.strangler.api.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a route keeps both sides' data: the defaults, the stateless preset, and the verification sample. */
class DualWriteSettingsTest {

    interface Store {
        String load(String key);
    }

    @Test
    void theDefaultsHoldDataRefuseLossyRollbacksAndVerifyNothing() {
        DualWriteSettings defaults = DualWriteSettings.ofDefaults();

        assertThat(defaults.isStateless()).isFalse();
        assertThat(defaults.allowLossyRollback()).isFalse();
        assertThat(defaults.verificationSampleBasisPoints()).isZero();
        assertThat(defaults.verificationType()).isNull();
        assertThat(defaults.verificationReader()).isNull();
        assertThat(DualWriteSettings.stateless().isStateless()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 100.01, Double.NaN})
    void aVerificationShareOutsideZeroExclusiveToAHundredIsRefusedNamingTheValue(double percent) {
        assertThatThrownBy(() -> DualWriteSettings.custom().verify(percent, Store.class, Store::load))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dualWrites.verify percent must be in (0, 100], was " + percent);
    }

    @Test
    void aNullVerificationTypeOrReaderIsRefusedNamingIt() {
        assertThatThrownBy(() -> DualWriteSettings.custom().<Store>verify(5, null, Store::load))
                .isInstanceOf(NullPointerException.class).hasMessage("dualWrites.verify type");
        assertThatThrownBy(() -> DualWriteSettings.custom().verify(5, Store.class, null))
                .isInstanceOf(NullPointerException.class).hasMessage("dualWrites.verify reader");
    }

    @ParameterizedTest(name = "{0} % = {1} bp")
    @CsvSource({"100, 10000", "5, 500", "0.01, 1", "0.001, 1"})
    void theVerificationShareIsInBasisPointsAndNeverRoundedToNone(double percent, int basisPoints) {
        VerificationReader<Store> reader = Store::load;
        DualWriteSettings settings = DualWriteSettings.custom().verify(percent, Store.class, reader).build();

        assertThat(settings.verificationSampleBasisPoints()).isEqualTo(basisPoints);
        assertThat(settings.verificationType()).isEqualTo(Store.class);
        assertThat(settings.verificationReader()).isSameAs(reader);
        assertThat(settings.toString()).contains("verify=", Store.class.getName());
    }

    @Test
    void theFlagsSetAreKept() {
        DualWriteSettings settings = DualWriteSettings.custom().stateless(true).allowLossyRollback(true).build();

        assertThat(settings.isStateless()).isTrue();
        assertThat(settings.allowLossyRollback()).isTrue();
    }
}
