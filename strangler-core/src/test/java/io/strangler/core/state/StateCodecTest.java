package io.strangler.core.state;

import io.strangler.api.Revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.core.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON record of a route state: round trip, tolerance of unknown fields, and precise errors. */
class StateCodecTest {

    static RouteState full() {
        return RouteState.builder("cv-analyzer")
                .stage(Stage.CANARY)
                .percentageBasisPoints(1_234)
                .fallbackToLegacy(false)
                .forceModern("internal", "staff")
                .forceLegacy("vip")
                .limitToSegments("beta", "eu")
                .cohort("hiring")
                .build()
                .withRevision(new Revision(41, "alice \"the admin\"", Instant.parse("2026-11-21T10:15:30.123456789Z"),
                        "step 2 \\ 5: p95 ok\nsecond line\tand a tab, Zoë 用户 \uD83D\uDE80"));
    }

    private static Map<String, Object> fields(RouteState state) {
        return new LinkedHashMap<>(RouteStateCodec.toMap(state));
    }

    private static String json(Map<String, Object> fields) {
        return Json.write(fields);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        RouteState state = full();
        for (boolean enabled : new boolean[] {true, false}) {
            RouteState expected = state.toBuilder().enabled(enabled).build().withRevision(state.revision());
            RouteState decoded = RouteStateCodec.decode("cv-analyzer", RouteStateCodec.encode(expected), enabled);
            assertThat(decoded).isEqualTo(expected);
            // equals covers every field; spelled out for the ones a user looks at.
            assertThat(decoded.stage()).isEqualTo(Stage.CANARY);
            assertThat(decoded.percentageBasisPoints()).isEqualTo(1_234);
            assertThat(decoded.fallbackToLegacy()).isFalse();
            assertThat(decoded.forcedModernSegments()).containsExactly("internal", "staff");
            assertThat(decoded.forcedLegacySegments()).containsExactly("vip");
            assertThat(decoded.rolloutSegments()).containsExactly("beta", "eu");
            assertThat(decoded.cohort()).isEqualTo("hiring");
            assertThat(decoded.bucketingVersion()).isEqualTo(1);
            assertThat(decoded.version()).isEqualTo(41);
            assertThat(decoded.revision().changedBy()).isEqualTo("alice \"the admin\"");
            assertThat(decoded.revision().changedAt()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123456789Z"));
            assertThat(decoded.revision().reason()).isEqualTo(state.revision().reason());
            assertThat(decoded.enabled()).isEqualTo(enabled);
        }
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void everyStageSurvivesTheRoundTrip(Stage stage) {
        RouteState state = RouteState.builder("r").stage(stage).build();
        assertThat(RouteStateCodec.decode("r", RouteStateCodec.encode(state), true)).isEqualTo(state);
    }

    @Test
    void theInitialStateWithItsNullsSurvivesTheRoundTrip() {
        RouteState initial = RouteState.builder("r").build();
        assertThat(RouteStateCodec.decode("r", RouteStateCodec.encode(initial), true)).isEqualTo(initial);
    }

    @Test
    void theKillSwitchIsNotPartOfTheRecord() {
        String record = RouteStateCodec.encode(full().toBuilder().enabled(false).build());
        assertThat(record).doesNotContain("enabled");
        assertThat(RouteStateCodec.decode("cv-analyzer", record, true).enabled()).isTrue();
    }

    @Test
    void theRecordIsOneJsonObjectWithTheDocumentedFields() {
        Object parsed = Json.parse(RouteStateCodec.encode(full()));
        assertThat(parsed).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) parsed).keySet().stream().map(String::valueOf).toList()).containsExactly("format", "route", "stage",
                "percentageBasisPoints", "fallbackToLegacy", "shadowSampleBasisPoints", "dualWriteMode",
                "readPreference", "forcedModernSegments", "forcedLegacySegments",
                "rolloutSegments", "cohort", "bucketingVersion", "version", "changedBy", "changedAt", "reason");
        assertThat(((Map<?, ?>) parsed).get("format")).isEqualTo(1L);
        assertThat(((Map<?, ?>) parsed).get("stage")).isEqualTo("CANARY");
    }

    @Test
    void unknownFieldsAreIgnoredSoThatAnOlderReleaseReadsANewerRecord() {
        Map<String, Object> f = fields(full());
        f.put("rolloutPlan", Map.of("preset", "MEDIUM", "step", 2));
        f.put("shadowSampleRate", 0.05);
        f.put("dualWriteMode", "SYNC");
        f.put("tags", java.util.List.of("a", 1, true));
        assertThat(RouteStateCodec.decode("cv-analyzer", json(f), true)).isEqualTo(full());
    }

    @Test
    void optionalFieldsHaveTheirDefaults() {
        String minimal = "{\"stage\":\"MODERN\",\"percentageBasisPoints\":0,\"version\":3}";
        RouteState s = RouteStateCodec.decode("r", minimal, true);
        assertThat(s.stage()).isEqualTo(Stage.MODERN);
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.fallbackToLegacy()).isTrue();
        assertThat(s.forcedModernSegments()).isEmpty();
        assertThat(s.forcedLegacySegments()).isEmpty();
        assertThat(s.rolloutSegments()).isEmpty();
        assertThat(s.cohort()).isEqualTo("r");
        assertThat(s.bucketingVersion()).isEqualTo(RouteState.CURRENT_BUCKETING_VERSION);
        assertThat(s.revision().changedBy()).isNull();
        assertThat(s.revision().changedAt()).isNull();
    }

    @Test
    void stageNamesAreReadLeniently() {
        // What an operator may type into the FF4J console.
        assertThat(RouteStateCodec.decode("r",
                "{\"stage\":\" dual-write \",\"percentageBasisPoints\":0,\"version\":0}", true).stage())
                .isEqualTo(Stage.DUAL_WRITE);
        assertThat(RouteStateCodec.decode("r", "{\"stage\":\"canary\",\"percentageBasisPoints\":0,\"version\":0}",
                true).stage()).isEqualTo(Stage.CANARY);
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"stage", "percentageBasisPoints", "version"})
    void aMissingRequiredFieldIsNamed(String field) {
        Map<String, Object> f = fields(full());
        f.remove(field);
        assertThatThrownBy(() -> RouteStateCodec.decode("cv-analyzer", json(f), true))
                .isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("cv-analyzer")
                .hasMessageContaining(field);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "stage                 | '\"CANNARY\"'             | CANNARY",
        "stage                 | '42'                      | 42",
        "stage                 | '\"\"'                    | stage",
        "percentageBasisPoints | '\"ten\"'                 | ten",
        "percentageBasisPoints | '10.5'                    | 10.5",
        "percentageBasisPoints | '10001'                   | 10001",
        "percentageBasisPoints | '-1'                      | -1",
        "percentageBasisPoints | '4294968296'              | 4294968296",
        "version               | '-3'                      | -3",
        "version               | '\"7\"'                   | 7",
        "bucketingVersion      | '0'                       | 0",
        "bucketingVersion      | '4294967297'              | 4294967297",
        "fallbackToLegacy      | '\"yes\"'                 | yes",
        "forcedModernSegments  | '\"internal\"'            | internal",
        "forcedModernSegments  | '[\"ok\", 5]'             | 5",
        "forcedLegacySegments  | '[\" \"]'                 | forcedLegacySegments",
        "rolloutSegments       | '{}'                      | rolloutSegments",
        "cohort                | '\"\"'                    | cohort",
        "cohort                | '7'                       | 7",
        "changedAt             | '\"yesterday\"'           | yesterday",
        "changedBy             | 'false'                   | false",
        "route                 | '\"invoice-renderer\"'    | invoice-renderer",
        "format                | '2'                       | 2",
        "shadowSampleBasisPoints | '4294967396'            | 4294967396",
        "shadowSampleBasisPoints | '4294977296'            | 4294977296",
        "shadowSampleBasisPoints | '10001'                 | 10001",
        "shadowSampleBasisPoints | '-1'                    | -1",
    })
    void aBadFieldIsNamedWithItsValue(String field, String rawValue, String shown) {
        Map<String, Object> f = fields(full());
        f.remove(field);
        String record = json(f);
        record = record.substring(0, record.length() - 1) + ",\"" + field + "\":" + rawValue.replace("'", "") + "}";
        String finalRecord = record;
        assertThatThrownBy(() -> RouteStateCodec.decode("cv-analyzer", finalRecord, true))
                .as(record)
                .isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("cv-analyzer")
                .hasMessageContaining(field)
                .hasMessageContaining(shown);
    }

    @Test
    void aSegmentForcedBothWaysIsRefused() {
        Map<String, Object> f = fields(full());
        f.put("forcedLegacySegments", java.util.List.of("internal"));
        assertThatThrownBy(() -> RouteStateCodec.decode("cv-analyzer", json(f), true))
                .isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("cv-analyzer").hasMessageContaining("internal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "garbage", "{", "{\"stage\":", "{\"stage\":\"CANARY\",}", "[]", "42",
        "\"CANARY\"", "null", "{\"stage\":\"CANARY\"} trailing", "{'stage':'CANARY'}", "{\"a\":\"\\q\"}",
        "{\"a\":\"unterminated}"})
    void recordsThatAreNotAJsonObjectAreRefusedWithTheRouteName(String record) {
        assertThatThrownBy(() -> RouteStateCodec.decode("cv-analyzer", record, true))
                .isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("cv-analyzer");
    }

    @Test
    void aNullRecordIsRefused() {
        assertThatThrownBy(() -> RouteStateCodec.decode("cv-analyzer", null, true))
                .isInstanceOf(InvalidStateRecordException.class).hasMessageContaining("cv-analyzer");
    }
}
