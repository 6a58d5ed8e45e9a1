package io.strangler.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.json.Json;
import io.strangler.core.rollout.RolloutStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ConsoleModelTest {

    private final ConsoleFixture f = new ConsoleFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private Map<String, Object> route(String name) {
        Map<String, Object> model = (Map<String, Object>) Json.parse(f.model.json());
        return ((List<?>) model.get("routes")).stream().map(r -> (Map<String, Object>) r)
                .filter(r -> r.get("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void showsTheRolloutWithItsBakeCountdownAndThePlan() {
        f.seconds(61, 40);

        Map<String, Object> search = route("search");
        assertThat(search.get("stage")).isEqualTo("CANARY");
        assertThat(search.get("percentage")).isEqualTo(10.0);
        Map<String, Object> rollout = (Map<String, Object>) search.get("rollout");
        assertThat(rollout.get("phase")).isEqualTo("RUNNING");
        assertThat(rollout.get("step")).isEqualTo(0L);
        assertThat(rollout.get("steps")).isEqualTo(3L);
        assertThat(rollout.get("bakeSeconds")).isEqualTo(300L);
        long baked = java.time.Duration.between(f.controller.status("search").stepStartedAt(), f.clock.instant())
                .toSeconds();
        assertThat(baked).isGreaterThan(50);
        assertThat(rollout.get("bakeRemainingSeconds")).isEqualTo(300 - baked);
        assertThat(rollout.get("nextPercentage")).isEqualTo(50.0);
        assertThat(rollout.get("nextNeedsApproval")).isEqualTo(true);
        assertThat((List<?>) rollout.get("plan")).hasSize(3);
        assertThat((String) rollout.get("reason")).isNotBlank();
        assertThat(((Map<String, Object>) search.get("modern")).get("calls")).isNotEqualTo(0L);
        assertThat((Map<String, Object>) search.get("series")).containsKey("modernErrorRate");
    }

    @Test
    void showsEachVerdictWithItsNumbersAndNullForAFigureThatCouldNotBeComputed() {
        f.seconds(3, 10);

        List<?> judgements = (List<?>) route("checkout").get("judgements");
        assertThat(judgements).isNotEmpty();
        Map<String, Object> errorRate = judgements.stream().map(j -> (Map<String, Object>) j)
                .filter(j -> j.get("trigger").equals("ERROR_RATE")).findFirst().orElseThrow();
        assertThat(errorRate).containsKeys("verdict", "n", "statistic", "bound", "threshold", "explanation");
        assertThat(errorRate.get("threshold")).isEqualTo(0.05);
        assertThat(f.model.json()).doesNotContain("NaN", "Infinity");
    }

    @Test
    void showsARollbackWithItsLifecycleAndTheCheckpointTakenBeforeIt() {
        f.seconds(61, 40);
        f.controller.abort("search", "ann", "error budget spent");
        f.second(10);

        Map<String, Object> search = route("search");
        assertThat(f.controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.ABORTED);
        assertThat((List<?>) search.get("rollbacks")).singleElement().satisfies(r -> {
            Map<String, Object> rollback = (Map<String, Object>) r;
            assertThat(rollback.get("actor")).isEqualTo("ann");
            assertThat((String) rollback.get("reason")).contains("error budget spent");
            assertThat(rollback.get("status")).isIn("INITIATED", "COMPLETED");
            assertThat(rollback.get("routes")).isEqualTo(List.of("search"));
        });
        assertThat((List<?>) search.get("checkpoints")).isNotEmpty();
        assertThat(((Map<String, Object>) search.get("reconciliation")).get("pending")).isEqualTo(0L);
    }

    @Test
    void showsARouteTheCheckpointsTakenBeforeItsOwnTransitionsOnly() {
        f.seconds(61, 40);
        f.controller.pause("search", "ann");
        f.second(10);

        List<Object> search = (List<Object>) route("search").get("checkpoints");
        List<Object> checkout = (List<Object>) route("checkout").get("checkpoints");
        assertThat(search).extracting(c -> ((Map<String, Object>) c).get("transition"))
                .anySatisfy(t -> assertThat((String) t).contains("pause of 'search'"));
        assertThat(checkout).extracting(c -> ((Map<String, Object>) c).get("transition"))
                .noneSatisfy(t -> assertThat((String) t).contains("search"));
    }

    @Test
    void tellsThePageWhetherWritesAreEnabledAndWhoLeads() {
        Map<String, Object> router = (Map<String, Object>) ((Map<String, Object>) Json.parse(f.model.json())).get("router");
        assertThat(router.get("writes")).isEqualTo(false);
        assertThat(router.get("controller")).isEqualTo(true);
        assertThat(router.get("leads")).isEqualTo(true);

        Map<String, Object> writable = (Map<String, Object>) ((Map<String, Object>) Json.parse(f.model.writable(true).json())).get("router");
        assertThat(writable.get("writes")).isEqualTo(true);
    }

    @Test
    void describesARouterWithoutAController() {
        ConsoleModel model = ConsoleModel.of(f.router, null, f.history, f.audit, f.clock);
        Map<String, Object> out = (Map<String, Object>) Json.parse(model.json());
        Map<String, Object> search = (Map<String, Object>) ((List<?>) out.get("routes")).get(0);
        assertThat(search.get("rollout")).isNull();
        assertThat((List<?>) search.get("judgements")).isEmpty();
        assertThat(((Map<String, Object>) out.get("router")).get("controller")).isEqualTo(false);
    }
}
