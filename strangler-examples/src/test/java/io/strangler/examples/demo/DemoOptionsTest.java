package io.strangler.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.examples.MigrationDemo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo's command line: what each option takes, and the message and exit code of what it does not. */
class DemoOptionsTest {

    @Test
    void theDefaultsAreThoseOfTheUsage() throws UsageException {
        DemoOptions o = DemoOptions.parse();

        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.speed()).isEqualTo(3_000);
        assertThat(o.paced()).isTrue();
        assertThat(o.fault()).isEqualTo(FaultKind.ERRORS);
        assertThat(o.store()).isEqualTo(StoreKind.MEMORY);
        assertThat(o.console()).isFalse();
        assertThat(o.help()).isFalse();
        assertThat(o.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(o.redisUri()).isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void everyOptionIsTakenWithItsValueApartOrAfterAnEqualsSign() throws UsageException {
        DemoOptions o = DemoOptions.parse("--seed", "-7", "--speed=250.5", "--fault", "LATENCY", "--store=redis",
                "--console", "--out", "build/demo", "--jdbc", "jdbc:postgresql://db/x", "--jdbc-user=app",
                "--redis", "redis://cache:6380");

        assertThat(o.seed()).isEqualTo(-7);
        assertThat(o.speed()).isEqualTo(250.5);
        assertThat(o.fault()).isEqualTo(FaultKind.LATENCY);
        assertThat(o.store()).isEqualTo(StoreKind.REDIS);
        assertThat(o.store().instances()).isEqualTo(2);
        assertThat(o.console()).isTrue();
        assertThat(o.out()).isEqualTo(Path.of("build/demo"));
        assertThat(o.jdbcUrl()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(o.jdbcUser()).isEqualTo("app");
        assertThat(o.redisUri()).isEqualTo("redis://cache:6380");
        assertThat(DemoOptions.parse("--speed", "max").paced()).isFalse();
        assertThat(DemoOptions.parse("-h").help()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "--seed abc          | --seed must be a whole number, was 'abc'",
        "--seed              | --seed needs a value",
        "--seed --fault none | --seed needs a value",
        "--speed 0           | --speed must be a positive number or 'max', was '0'",
        "--speed -3          | --speed must be a positive number or 'max', was '-3'",
        "--speed fast        | --speed must be a positive number or 'max', was 'fast'",
        "--fault slow        | --fault must be one of errors|latency|mismatch|none, was 'slow'",
        "--store mysql       | --store must be one of memory|postgres|redis, was 'mysql'",
        "--console=yes       | --console takes no value, was given 'yes'",
        "--colour            | unknown option '--colour'",
        "--out=              | --out must not be blank, was ''",
    })
    void aBadOptionIsRefusedWithAMessageNamingItAndItsValue(String line, String message) {
        String[] args = line.trim().split("\\s+");

        assertThatThrownBy(() -> DemoOptions.parse(args)).isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theDemoExitsWithTwoOnABadOptionAndPrintsTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = MigrationDemo.run(new String[] {"--fault", "segfault"}, print(out), print(err));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("MigrationDemo: --fault must be one of errors|latency|mismatch|none, was 'segfault'")
                .contains("usage: MigrationDemo [options]");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = MigrationDemo.run(new String[] {"--help"}, print(out), print(err));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--fault KIND", "--store KIND", "--speed X|max",
                "Exit code: 0");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
