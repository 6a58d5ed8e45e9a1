package io.strangler.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Data repository, a JDK proxy Spring Data makes from an interface no one annotates, as the legacy side of
 * a route named in properties, with its methods classified there too; the modern side a hand-written implementation.
 * On a real PostgreSQL.
 */
class SpringDataRepositoryTest {


    /** An entity of the repository. */
    @Table("sd_vets")
    public record Vet(@Id Long id, String name) {
    }

    /** A Spring Data repository exposing three CRUD methods; nothing on it is Strangler's. */
    public interface VetRepository extends Repository<Vet, Long> {
        List<Vet> findAll();

        Optional<Vet> findById(Long id);

        Vet save(Vet vet);
    }

    /** The new implementation. */
    public static class InMemoryVetRepository implements VetRepository {
        final Map<Long, Vet> vets = new ConcurrentHashMap<>();

        @Override
        public List<Vet> findAll() {
            return new ArrayList<>(vets.values());
        }

        @Override
        public Optional<Vet> findById(Long id) {
            return Optional.ofNullable(vets.get(id));
        }

        @Override
        public Vet save(Vet vet) {
            vets.put(vet.id(), vet);
            return vet;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableJdbcRepositories(considerNestedRepositories = true, basePackageClasses = SpringDataRepositoryTest.class)
    static class App {
        @Bean
        InMemoryVetRepository inMemoryVetRepository() {
            return new InMemoryVetRepository();
        }
    }

    @Test
    void aSpringDataRepositoryNamedInPropertiesIsALegacySideAndItsReadsAreShadowed() {
        new JdbcTemplate(TestDatabase.require()).execute("CREATE TABLE IF NOT EXISTS sd_vets (id BIGINT PRIMARY KEY, "
                + "name TEXT)");
        new ApplicationContextRunner().withUserConfiguration(App.class).withPropertyValues(
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test", "spring.datasource.username=postgres",
                "strangler.rollout.enabled=false",
                "strangler.routes.vets.legacy-bean=springDataRepositoryTest.VetRepository",
                "strangler.routes.vets.modern-bean=inMemoryVetRepository",
                "strangler.routes.vets.reads=findAll,findById",
                "strangler.routes.vets.stage=shadow", "strangler.routes.vets.shadow-sample=100").run(context -> {
                    assertThat(context).hasNotFailed();
                    Object legacy = context.getBean("springDataRepositoryTest.VetRepository");
                    assertThat(Proxy.isProxyClass(legacy.getClass())).as("Spring Data's JDK proxy").isTrue();
                    VetRepository vets = context.getBean(VetRepository.class);
                    assertThat(vets).isNotSameAs(legacy);
                    long id = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
                    context.getBean(JdbcTemplate.class).update("INSERT INTO sd_vets (id, name) VALUES (?, ?)", id,
                            "Helen");
                    assertThat(vets.findById(id)).contains(new Vet(id, "Helen"));
                    Route<?> route = context.getBean(MigrationRouter.class).route("vets");
                    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
                    while (route.stats().shadow().compared() < 1 && Instant.now().isBefore(deadline)) {
                        Thread.onSpinWait();
                    }
                    assertThat(route.stats().shadow().compared()).as("findById was a read, shadowed on modern")
                            .isEqualTo(1);
                    assertThat(route.stats().legacy().calls()).isEqualTo(1);
                    assertThat(route.stats().shadow().mismatches()).as("modern has no Helen yet").isEqualTo(1);
                });
    }
}
