package io.strangler.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strangler.api.MigrationRouter;
import io.strangler.core.json.Json;
import io.strangler.core.rollout.RolloutController;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console for plain Java: the console's page, its JSON model and its controls, served by the JDK's
 * {@link HttpServer} on loopback. Spring applications get the same page from the Spring adapter instead.
 *
 * <pre>{@code
 * try (StranglerConsole console = StranglerConsole.start(router, controller, 8081)) {
 *     System.out.println("console at " + console.uri());   // http://127.0.0.1:8081/
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Security.</b> The console binds to the loopback address unless told otherwise, and is read-only unless
 * {@linkplain Builder#writeToken a write token} is set. Then a command is a {@code POST} with the token in an
 * {@code Authorization: Bearer} header and a JSON body: a browser adds neither to a forged cross-site request, so
 * commands are CSRF-safe without cookies; a request whose {@code Origin} is not the console's own is refused too.
 * No {@code GET} changes anything. Every command, made or refused, is audited ({@link ConsoleAudit}). The token
 * authorises; the person is the {@code actor} of the request body, recorded with every change.
 *
 * <p>The chart series are sampled once a second on a daemon thread of the console's own, unless the caller
 * {@linkplain Builder#history samples them}. Thread-safe; {@link #close()} stops the server and the sampler.
 */
public final class StranglerConsole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StranglerConsole.class);
    /** The largest command body read; a reason is a sentence, not a file. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** The shortest write token accepted: guessable tokens would make writes open to anyone on the host. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final @Nullable ScheduledExecutorService sampler;
    private final ConsoleModel model;
    private final ConsoleCommands commands;
    private final @Nullable String token;
    private final String path;
    private final String title;

    private StranglerConsole(Builder b) throws IOException {
        Clock clock = b.clock;
        ConsoleHistory history = b.history != null ? b.history : ConsoleHistory.of(b.router, clock);
        this.model = ConsoleModel.of(b.router, b.controller, history, ConsoleAudit.of(clock), clock)
                .writable(b.token != null);
        this.commands = ConsoleCommands.of(model);
        this.token = b.token;
        this.path = b.path;
        this.title = b.title;
        this.server = HttpServer.create(new InetSocketAddress(b.address, b.port), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> daemon(r, "strangler-console-" + threads.incrementAndGet()));
        server.setExecutor(executor);
        server.createContext(path.equals("/") ? "/" : path, this::handle);
        if (!path.equals("/")) {
            server.createContext(path.substring(0, path.length() - 1), this::handle);
        }
        if (b.history == null) {
            sampler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "strangler-console-sampler"));
            history.sample();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    history.sample();
                } catch (RuntimeException e) {
                    LOG.warn("console: sampling the routes' figures failed", e);
                }
            }, 1, 1, TimeUnit.SECONDS);
        } else {
            sampler = null;
        }
        server.start();
        LOG.info("Strangler console at {} ({})", uri(), token == null ? "read-only" : "commands need the token");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts a read-only console of {@code router} on {@code port} of the loopback address.
     *
     * @param router the router whose routes it shows
     * @param controller the router's rollout controller, or null when none runs
     * @param port the TCP port, or 0 for any free one
     * @return the running console
     * @throws NullPointerException if {@code router} is null
     * @throws IllegalArgumentException if {@code port} is outside {@code [0, 65535]}
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static StranglerConsole start(MigrationRouter router, @Nullable RolloutController controller, int port) {
        return builder(router).controller(controller).port(port).start();
    }

    /**
     * A builder of a console of {@code router}.
     *
     * @param router the router whose routes it shows
     * @return the builder
     * @throws NullPointerException if {@code router} is null
     */
    public static Builder builder(MigrationRouter router) {
        return new Builder(router);
    }

    /**
     * Where the page is.
     *
     * @return the page's address, e.g. {@code http://127.0.0.1:8081/}
     */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + path);
    }

    /**
     * The model the console serves.
     *
     * @return its model
     */
    public ConsoleModel model() {
        return model;
    }

    /** Stops the server and the sampler; a request in flight is cut short. */
    @Override
    public void close() {
        // stop(n) waits the whole n seconds on JDK 17 even when no exchange is open
        server.stop(0);
        executor.shutdownNow();
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- requests

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String full = exchange.getRequestURI().getRawPath();
            if (!full.startsWith(path)) {
                // the context without its trailing slash also matches longer paths, such as /console-old
                if (full.equals(path.substring(0, path.length() - 1))) {
                    redirect(exchange, path); // relative links need the slash
                } else {
                    send(exchange, 404, "text/plain; charset=utf-8", "not found: " + full, null);
                }
                return;
            }
            String rest = full.substring(path.length());
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (rest.startsWith(ConsolePage.COMMANDS_PATH)) {
                if (!method.equals("POST")) {
                    send(exchange, 405, "application/json", Json.write(ConsoleCommands.Result.error(405,
                            "method: commands are POST requests; " + method + " changes nothing").body()), "POST");
                    return;
                }
                command(exchange, rest.substring(ConsolePage.COMMANDS_PATH.length()));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed: " + method, "GET, HEAD");
                return;
            }
            if (rest.isEmpty() || rest.equals("index.html")) {
                send(exchange, 200, "text/html; charset=utf-8", ConsolePage.live(title, null, null), null);
            } else if (rest.equals(ConsolePage.MODEL_PATH)) {
                send(exchange, 200, "application/json", model.json(), null);
            } else if (ConsolePage.contentType(rest) != null) {
                send(exchange, 200, ConsolePage.contentType(rest), ConsolePage.asset(rest), null);
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: " + full, null);
            }
        } catch (RuntimeException e) {
            LOG.warn("console: request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            try {
                send(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e, null);
            } catch (IOException | RuntimeException ignored) {
                // the response had started: nothing more can be said
            }
        }
    }

    private void command(HttpExchange exchange, String target) throws IOException {
        String[] parts = target.split("/", -1);
        String route = parts.length > 0 ? decode(parts[0]) : "";
        String action = parts.length > 1 ? decode(parts[1]) : "";
        if (parts.length != 2 || route.isEmpty() || action.isEmpty()) {
            sendResult(exchange, ConsoleCommands.Result.error(404, "path: expected routes/{route}/{action}, was '"
                    + target + "'"));
            return;
        }
        if (token == null) {
            sendResult(exchange, commands.refuse(route, action, "anonymous", 403, "writes are disabled: this "
                    + "console is read-only; start it with StranglerConsole.builder(router).writeToken(...)"));
            return;
        }
        if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
            sendResult(exchange, commands.refuse(route, action, "anonymous", 401, "Authorization: a command needs "
                    + "the console's write token as 'Authorization: Bearer <token>'"));
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (origin != null && !origin.equals("null") && (host == null || !sameHost(origin, host))) {
            sendResult(exchange, commands.refuse(route, action, "anonymous", 403, "Origin: '" + origin
                    + "' is not this console's origin"));
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            sendResult(exchange, commands.refuse(route, action, "anonymous", 415, "Content-Type: a command is a "
                    + "JSON body (application/json), was '" + contentType + "'"));
            return;
        }
        Map<?, ?> body;
        try {
            Object parsed = Json.parse(readBody(exchange.getRequestBody()));
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            body = m;
        } catch (IllegalArgumentException e) {
            sendResult(exchange, commands.refuse(route, action, "anonymous", 400, "body: " + e.getMessage()));
            return;
        }
        sendResult(exchange, commands.run(route, action, text(body.get("actor")), text(body.get("reason")),
                text(body.get("checkpoint"))));
    }

    private boolean authorised(@Nullable String header) {
        String expected = token;
        if (header == null || expected == null || !header.startsWith("Bearer ")) {
            return false;
        }
        // constant time: the comparison must not tell how much of a guess was right
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("larger than " + MAX_BODY_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private static String decode(String s) {
        // a path segment, not a form: '+' is a plus sign, only %XX escapes are decoded
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void sendResult(HttpExchange exchange, ConsoleCommands.Result result) throws IOException {
        send(exchange, result.status(), "application/json", Json.write(result.body()), null);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(308, -1);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body,
            @Nullable String allow) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        ConsolePage.SECURITY_HEADERS.forEach(headers::set);
        if (allow != null) {
            headers.set("Allow", allow);
        }
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /**
     * Builds a {@link StranglerConsole}. Each setter checks its value at once and names it when it is wrong.
     */
    public static final class Builder {

        private final MigrationRouter router;
        private @Nullable RolloutController controller;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private String path = "/";
        private @Nullable String token;
        private Clock clock = Clock.systemUTC();
        private @Nullable ConsoleHistory history;
        private String title = "Strangler console";

        private Builder(MigrationRouter router) {
            this.router = Objects.requireNonNull(router, "router");
        }

        /**
         * The router's rollout controller: its rollouts, verdicts, rollback history and checkpoints are shown, and
         * its commands enabled.
         *
         * @param controller the controller, or null when none runs
         * @return this builder
         */
        public Builder controller(@Nullable RolloutController controller) {
            this.controller = controller;
            return this;
        }

        /**
         * The TCP port; default 0, any free port ({@link StranglerConsole#uri()} tells which).
         *
         * @param port the port, in {@code [0, 65535]}
         * @return this builder
         * @throws IllegalArgumentException if {@code port} is outside {@code [0, 65535]}
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address to bind to; default the loopback address, so that only this host reaches the console. Bind
         * to another only behind a proxy that authenticates, and with writes disabled or a strong token.
         *
         * @param address the address
         * @return this builder
         * @throws NullPointerException if {@code address} is null
         */
        public Builder bindAddress(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The path the page is served under; default {@code /}.
         *
         * @param path an absolute path, e.g. {@code /strangler/}; a trailing slash is added
         * @return this builder
         * @throws NullPointerException if {@code path} is null
         * @throws IllegalArgumentException if {@code path} does not start with {@code /} or holds characters other
         *     than letters, digits, {@code -}, {@code _}, {@code .} and {@code /}
         */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/") || !path.matches("[A-Za-z0-9/._-]+") || path.contains("//")) {
                throw new IllegalArgumentException("path must be an absolute path of letters, digits, '-', '_', '.' "
                        + "and single '/', was '" + path + "'");
            }
            this.path = path.endsWith("/") ? path : path + "/";
            return this;
        }

        /**
         * Enables commands for requests that carry {@code token}; without one the console is read-only.
         *
         * @param token a secret of {@value #MIN_TOKEN_LENGTH} characters or more, e.g. from a secret store
         * @return this builder
         * @throws NullPointerException if {@code token} is null
         * @throws IllegalArgumentException if {@code token} is shorter than {@value #MIN_TOKEN_LENGTH} characters
         *     or holds whitespace
         */
        public Builder writeToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < MIN_TOKEN_LENGTH || !token.equals(token.strip()) || token.chars()
                    .anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("token must be " + MIN_TOKEN_LENGTH + " characters or more, "
                        + "without whitespace, was " + token.length() + " characters long");
            }
            this.token = token;
            return this;
        }

        /**
         * The clock of the snapshots, the audit and the bake countdowns; default the system's UTC clock. A
         * simulation passes its virtual clock.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Chart series the caller samples, e.g. on a virtual clock; by default the console keeps its own and
         * samples them once a second.
         *
         * @param history the series
         * @return this builder
         * @throws NullPointerException if {@code history} is null
         */
        public Builder history(ConsoleHistory history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /**
         * The page's title; default "Strangler console".
         *
         * @param title the title, e.g. the application's name
         * @return this builder
         * @throws NullPointerException if {@code title} is null
         * @throws IllegalArgumentException if {@code title} is blank
         */
        public Builder title(String title) {
            Objects.requireNonNull(title, "title");
            if (title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank");
            }
            this.title = title;
            return this;
        }

        /**
         * Starts the console.
         *
         * @return the running console
         * @throws UncheckedIOException if the address and port cannot be bound
         */
        public StranglerConsole start() {
            try {
                return new StranglerConsole(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Strangler console on " + address.getHostAddress()
                        + ":" + port + ": " + e.getMessage(), e);
            }
        }
    }
}
