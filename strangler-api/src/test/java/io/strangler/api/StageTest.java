package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing a stage from configuration, and the message when the text names none. */
class StageTest {

    @ParameterizedTest
    @ValueSource(strings = {"canery", "", "LEGACY_ONLY", "50%"})
    void unknownStageNameIsRefusedNamingFieldValueAndTheAcceptedNames(String value) {
        assertThatThrownBy(() -> Stage.parse("strangler.routes.mailer.stage", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strangler.routes.mailer.stage")
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("CANARY").hasMessageContaining("DUAL_WRITE");
    }

    @Test
    void nullStageNameIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Stage.parse("stage", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage").hasMessageContaining("null");
    }

    @Test
    void stageNamesParseIgnoringCaseAndDashes() {
        assertThat(Stage.parse("stage", "dual-write")).isEqualTo(Stage.DUAL_WRITE);
        assertThat(Stage.parse("stage", " Canary ")).isEqualTo(Stage.CANARY);
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void everyStageParsesFromItsName(Stage stage) {
        assertThat(Stage.parse("stage", stage.name())).isEqualTo(stage);
        assertThat(Stage.parse("stage", stage.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')))
                .isEqualTo(stage);
    }
}
