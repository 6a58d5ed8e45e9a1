package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.MigrationRouter;
import io.strangler.api.shadow.Mismatch;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.compare.DifferenceKind;
import io.strangler.api.reconcile.ReconciliationEntry;
import java.time.Duration;
import java.util.List;
import io.strangler.core.testing.InlineExecutor;
import org.junit.jupiter.api.Test;

class ShadowSmokeTest {

    record Profile(String name, List<String> skills) {
    }

    interface Profiles {
        @Read
        Profile load(@RoutingKey String user);

        void save(@RoutingKey String user, Profile profile);
    }


    @Test
    void shadowComparesByPathAndDualWriteKeepsFailedSecondWrites() {
        Profiles legacy = new Profiles() {
            @Override
            public Profile load(String user) {
                return new Profile(user, List.of("java", "sql"));
            }

            @Override
            public void save(String user, Profile profile) {
            }
        };
        Profiles modern = new Profiles() {
            @Override
            public Profile load(String user) {
                return new Profile(user, user.equals("u-2") ? List.of("java", "kotlin") : List.of("java", "sql"));
            }

            @Override
            public void save(String user, Profile profile) {
                throw new IllegalStateException("modern store is read-only today");
            }
        };
        try (MigrationRouter router = Strangler.router().refreshInterval(Duration.ZERO).shadowExecutor(new InlineExecutor())
                .build()) {
            Route<Profiles> route = router.register(RouteDefinition.builder("profiles", Profiles.class)
                    .legacy(legacy).modern(modern)
                    .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100).dualWriteMode(DualWriteMode.SYNC))
                    .build());
            Profiles proxy = route.proxy();
            for (int i = 0; i < 5; i++) {
                assertThat(proxy.load("u-" + i).skills()).containsExactly("java", "sql");
            }
            assertThat(route.stats().shadow().matches()).isEqualTo(4);
            assertThat(route.stats().shadow().mismatches()).isEqualTo(1);
            Mismatch mismatch = route.mismatches().get(0);
            assertThat(mismatch.key()).isEqualTo("u-2");
            assertThat(mismatch.differences()).singleElement().satisfies(d -> {
                assertThat(d.path()).isEqualTo("$.skills[1]");
                assertThat(d.kind()).isEqualTo(DifferenceKind.VALUE);
            });

            proxy.save("u-1", new Profile("u-1", List.of()));
            assertThat(route.stats().secondaryWrites().failed()).isEqualTo(1);
            List<ReconciliationEntry> entries = router.reconciliationLog().list("profiles", 10);
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.key()).isEqualTo("u-1");
                assertThat(e.operation()).isEqualTo("save");
                assertThat(e.errorMessage()).isEqualTo("modern store is read-only today");
            });
        }
    }
}
