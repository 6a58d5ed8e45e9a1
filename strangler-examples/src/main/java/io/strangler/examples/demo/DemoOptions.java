package io.strangler.examples.demo;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The demo's command line, parsed by hand: {@code --name value} or {@code --name=value}. Every error names the option
 * and the value, and the demo exits with code 2 on it.
 *
 * @param seed the seed of every random draw: the same seed gives the same run ({@code --seed N}, default 42)
 * @param speed how many virtual seconds pass per second of wall time, for the live view to be followed; infinite
 *     runs as fast as the machine goes ({@code --speed X} or {@code --speed max}, default {@value #DEFAULT_SPEED})
 * @param fault what the modern recommendation generator develops ({@code --fault}, default {@code errors})
 * @param store where the route states live ({@code --store}, default {@code memory})
 * @param console whether to serve the live web console while the demo runs and keep it open at the end
 *     ({@code --console})
 * @param out the directory of the summary and the log ({@code --out DIR}, default {@code target/strangler-demo})
 * @param jdbcUrl the PostgreSQL of {@code --store postgres} ({@code --jdbc URL})
 * @param jdbcUser its user ({@code --jdbc-user NAME})
 * @param redisUri the Redis of {@code --store redis} ({@code --redis URI})
 * @param help whether usage was asked for ({@code --help}, {@code -h})
 */
public record DemoOptions(long seed, double speed, FaultKind fault, StoreKind store, boolean console, Path out,
        String jdbcUrl, String jdbcUser, String redisUri, boolean help) {

    /** Default seed. */
    public static final long DEFAULT_SEED = 42;
    /**
     * Default pace: 3,000 virtual seconds a second, so that the migration's fifteen virtual hours pass in about
     * twenty seconds, slow enough to follow the live view, fast enough not to wait for it.
     */
    public static final double DEFAULT_SPEED = 3_000;
    /** Default PostgreSQL of {@code --store postgres}. */
    public static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    /** Default PostgreSQL user. */
    public static final String DEFAULT_JDBC_USER = "postgres";
    /** Default Redis of {@code --store redis}. */
    public static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:6379";
    /**
     * The system property giving the default output directory; the module's build sets it to its own
     * {@code target/strangler-demo} for {@code exec:java}, which runs in the directory Maven was started from.
     */
    public static final String OUT_PROPERTY = "strangler.demo.out";

    /**
     * Checks the fields.
     *
     * @param seed the seed
     * @param speed virtual seconds per wall second, positive (infinite: unpaced)
     * @param fault the fault
     * @param store the store
     * @param console whether to start the console
     * @param out the output directory
     * @param jdbcUrl the PostgreSQL URL
     * @param jdbcUser the PostgreSQL user
     * @param redisUri the Redis URI
     * @param help whether usage was asked for
     */
    public DemoOptions {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(jdbcUser, "jdbcUser");
        Objects.requireNonNull(redisUri, "redisUri");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, was " + speed);
        }
    }

    /**
     * The options of a run with every default.
     *
     * @return the defaults
     */
    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_SEED, DEFAULT_SPEED, FaultKind.ERRORS, StoreKind.MEMORY, false,
                Path.of(System.getProperty(OUT_PROPERTY, "target/strangler-demo")), DEFAULT_JDBC_URL,
                DEFAULT_JDBC_USER, DEFAULT_REDIS_URI, false);
    }

    /**
     * Whether virtual time is paced against wall time.
     *
     * @return false for {@code --speed max}
     */
    public boolean paced() {
        return speed != Double.POSITIVE_INFINITY;
    }

    /**
     * Parses a command line.
     *
     * @param args the arguments, as {@code main} gets them
     * @return the options, the defaults for what is not given
     * @throws UsageException naming the option and the value when an option is unknown, lacks its value, or has a
     *     value it does not take
     */
    public static DemoOptions parse(String... args) throws UsageException {
        DemoOptions d = defaults();
        long seed = d.seed;
        double speed = d.speed;
        FaultKind fault = d.fault;
        StoreKind store = d.store;
        boolean console = false;
        boolean help = false;
        Path out = d.out;
        String jdbcUrl = d.jdbcUrl;
        String jdbcUser = d.jdbcUser;
        String redisUri = d.redisUri;
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "argument " + i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--console" -> {
                    if (inline != null) {
                        throw new UsageException("--console takes no value, was given '" + inline + "'");
                    }
                    console = true;
                }
                case "--seed", "--speed", "--fault", "--store", "--out", "--jdbc", "--jdbc-user", "--redis" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    String given = value;
                    switch (name) {
                        case "--seed" -> seed = parseSeed(value);
                        case "--speed" -> speed = parseSpeed(value);
                        case "--fault" -> fault = parseEnum(() -> FaultKind.fromOption(given));
                        case "--store" -> store = parseEnum(() -> StoreKind.fromOption(given));
                        case "--out" -> out = parsePath(value);
                        case "--jdbc" -> jdbcUrl = nonBlank(name, value);
                        case "--jdbc-user" -> jdbcUser = nonBlank(name, value);
                        default -> redisUri = nonBlank(name, value);
                    }
                }
                default -> throw new UsageException("unknown option '" + arg + "'; the options are --seed, "
                        + "--speed, --fault, --store, --out, --console, --jdbc, --jdbc-user, --redis and --help");
            }
        }
        return new DemoOptions(seed, speed, fault, store, console, out, jdbcUrl, jdbcUser, redisUri, help);
    }

    /**
     * What the options are, for {@code --help} and after a usage error.
     *
     * @return the usage text
     */
    public static String usage() {
        return String.join(System.lineSeparator(),
                "usage: MigrationDemo [options]",
                "  Migrates a CV platform's seven services from its monolith to modules with Strangler's router and",
                "  rollout controller, on virtual time, and checks what it promises.",
                "",
                "  --seed N          seed of every random draw; the same seed gives the same run (default 42)",
                "  --speed X|max     virtual seconds per wall second for the live view (default 3000, about 20 s",
                "                    for the whole run); max runs as fast as the machine goes",
                "  --fault KIND      what the modern recommendation generator develops part way through:",
                "                    " + FaultKind.options() + " (default errors)",
                "  --store KIND      " + StoreKind.options() + " (default memory): memory runs one instance on"
                        + " FF4J in memory;",
                "                    postgres and redis run a fleet of two instances sharing the store",
                "  --out DIR         where summary.json, report.html and demo.log go (default target/strangler-demo)",
                "  --console         serve the live web console while the demo runs (its address and a write token",
                "                    are printed), and keep it open at the end until Enter",
                "  --jdbc URL        PostgreSQL for --store postgres (default " + DEFAULT_JDBC_URL + ")",
                "  --jdbc-user NAME  its user (default " + DEFAULT_JDBC_USER + ")",
                "  --redis URI       Redis for --store redis (default " + DEFAULT_REDIS_URI + ")",
                "  --help            this text",
                "",
                "  Exit code: 0 when every promise held, 1 when one broke (a lost write, the faulty route not rolled",
                "  back, a rollback not completed, a healthy route short of its plan's end), 2 on a bad command line.");
    }

    private static long parseSeed(String value) throws UsageException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a whole number, was '" + value + "'");
        }
    }

    private static double parseSpeed(String value) throws UsageException {
        if (value.trim().toLowerCase(Locale.ROOT).equals("max")) {
            return Double.POSITIVE_INFINITY;
        }
        double speed;
        try {
            speed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--speed must be a positive number or 'max', was '" + value + "'");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new UsageException("--speed must be a positive number or 'max', was '" + value + "'");
        }
        return speed;
    }

    private static Path parsePath(String value) throws UsageException {
        try {
            return Path.of(nonBlank("--out", value));
        } catch (InvalidPathException e) {
            throw new UsageException("--out must be a directory path, was '" + value + "': " + e.getReason());
        }
    }

    private static String nonBlank(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " must not be blank, was '" + value + "'");
        }
        return value;
    }

    private interface EnumParser<E> {
        E parse();
    }

    private static <E> E parseEnum(EnumParser<E> parser) throws UsageException {
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
