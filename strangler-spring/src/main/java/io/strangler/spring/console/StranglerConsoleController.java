package io.strangler.spring.console;

import io.strangler.console.ConsoleCommands;
import io.strangler.console.ConsoleModel;
import io.strangler.console.ConsolePage;
import io.strangler.core.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The operator console in a Spring MVC application: a {@link RouterFunction} (Spring MVC's functional endpoints, the
 * same on Spring Boot 3.5 and 4) that serves, under its path, what {@code io.strangler.console.StranglerConsole}
 * serves on the JDK's server, with the same answers and headers:
 *
 * <table>
 * <caption>Requests</caption>
 * <tr><th>request</th><th>answer</th></tr>
 * <tr><td>{@code GET <path>}</td><td>the live page ({@link ConsolePage#live}), with Spring Security's CSRF token
 *     in its meta tags when the request has one</td></tr>
 * <tr><td>{@code GET <path>model}</td><td>the JSON model ({@link ConsoleModel#json()})</td></tr>
 * <tr><td>{@code GET <path>console.js}, {@code console.css}, {@code uplot.min.js}, {@code uplot.min.css}</td>
 *     <td>the page's static files</td></tr>
 * <tr><td>{@code POST <path>routes/{route}/{action}}</td><td>a command ({@link ConsoleCommands#run}), with a JSON
 *     body {@code {"reason": "...", "checkpoint": "..."}}; 405 for any other method</td></tr>
 * </table>
 *
 * <p><b>Who may command.</b> Spring Security decides who reaches the path; this class then refuses, each refusal
 * audited: every command while writes are disabled (403); a request with no authenticated user, or the anonymous
 * one (401); a request whose {@code Origin} is another site's (403); when the request has a CSRF token, one that
 * does not carry its header (403; Spring Security has checked the value unless CSRF protection was turned off for
 * the path); a body that is not JSON (415). The actor recorded with a change is the authenticated user's name: an
 * {@code actor} in the body is ignored, as no one may act in someone else's name. No {@code GET} changes anything.
 *
 * <p>Thread-safe.
 */
public final class StranglerConsoleController implements RouterFunction<ServerResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(StranglerConsoleController.class);

    /** The largest command body read; a reason is a sentence, not a file. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    /** The actor of a refused command whose sender is not known. */
    static final String ANONYMOUS = "anonymous";

    private final ConsoleModel model;
    private final ConsoleCommands commands;
    private final String path;
    private final String bare;
    private final String title;
    private final boolean writesEnabled;
    private final boolean security;

    /**
     * A console.
     *
     * @param model the model it shows; its {@linkplain ConsoleModel#writable writable} flag should match
     *     {@code writesEnabled}
     * @param commands the commands it runs, on the same model
     * @param path where the page is, e.g. {@code /actuator/strangler-console/} (see {@link #path(String)})
     * @param title the page's title
     * @param writesEnabled whether commands may change anything
     * @param security whether Spring Security's web classes are on the class path: then the page carries the CSRF
     *     token and commands need an authenticated user
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code path} is not one {@link #path(String)} takes, {@code title} is
     *     blank, or writes are enabled without Spring Security
     */
    public StranglerConsoleController(ConsoleModel model, ConsoleCommands commands, String path, String title,
            boolean writesEnabled, boolean security) {
        this.model = Objects.requireNonNull(model, "model");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.path = path(path);
        this.bare = this.path.substring(0, this.path.length() - 1);
        Objects.requireNonNull(title, "title");
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        this.title = title;
        if (writesEnabled && !security) {
            throw new IllegalArgumentException("writes need Spring Security: each command is made in the "
                    + "authenticated user's name and carries the CSRF token");
        }
        this.writesEnabled = writesEnabled;
        this.security = security;
    }

    /**
     * Checks and normalises a console's path.
     *
     * @param path an absolute path of letters, digits, {@code -}, {@code _}, {@code .} and single {@code /}, below
     *     the root, e.g. {@code /ops/strangler}
     * @return the path with a trailing slash
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException naming the value if the path is not such a path
     */
    public static String path(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || !path.matches("[A-Za-z0-9/._-]+") || path.contains("//")) {
            throw new IllegalArgumentException("path must be an absolute path of letters, digits, '-', '_', '.' and "
                    + "single '/', starting with '/', was '" + path + "'");
        }
        if (path.equals("/")) {
            throw new IllegalArgumentException("path must be below the root, e.g. /strangler-console/: at '/' the "
                    + "console would answer every request of the application");
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("path must not have '.' or '..' segments, was '" + path + "'");
            }
        }
        return path.endsWith("/") ? path : path + "/";
    }

    /**
     * Where the page is.
     *
     * @return the path, with a trailing slash, within the application
     */
    public String path() {
        return path;
    }

    /**
     * Whether commands may change anything.
     *
     * @return whether writes are enabled
     */
    public boolean writesEnabled() {
        return writesEnabled;
    }

    @Override
    public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
        String requested = request.requestPath().pathWithinApplication().value();
        if (requested.startsWith(path)) {
            return Optional.of(this::handle);
        }
        if (requested.equals(bare)) {
            return Optional.of(r -> redirect());
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- requests

    private ServerResponse handle(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        try {
            String rest = request.requestPath().pathWithinApplication().value().substring(path.length());
            String method = servlet.getMethod().toUpperCase(Locale.ROOT);
            if (rest.startsWith(ConsolePage.COMMANDS_PATH)) {
                if (!method.equals("POST")) {
                    return send(405, "application/json", Json.write(ConsoleCommands.Result.error(405,
                            "method: commands are POST requests; " + method + " changes nothing").body()), "POST");
                }
                return command(servlet, rest.substring(ConsolePage.COMMANDS_PATH.length()));
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return send(405, "text/plain; charset=utf-8", "method not allowed: " + method, "GET, HEAD");
            }
            if (rest.isEmpty() || rest.equals("index.html")) {
                ConsoleSecurity.Csrf csrf = security ? ConsoleSecurity.csrf(servlet) : null;
                // the signed-in person is the actor of every command: the page need not ask for a name
                String actor = security ? ConsoleSecurity.user(servlet) : null;
                return send(200, "text/html; charset=utf-8", ConsolePage.live(title,
                        csrf == null ? null : csrf.headerName(), csrf == null ? null : csrf.token(), actor), null);
            }
            if (rest.equals(ConsolePage.MODEL_PATH)) {
                return send(200, "application/json", model.json(), null);
            }
            String type = ConsolePage.contentType(rest);
            if (type != null) {
                return send(200, type, ConsolePage.asset(rest), null);
            }
            return send(404, "text/plain; charset=utf-8", "not found: " + servlet.getRequestURI(), null);
        } catch (RuntimeException e) {
            LOG.warn("console: request {} {} failed", servlet.getMethod(), servlet.getRequestURI(), e);
            return send(500, "text/plain; charset=utf-8", "internal error: " + e, null);
        }
    }

    private ServerResponse command(HttpServletRequest request, String target) {
        String[] parts = target.split("/", -1);
        String route = parts.length > 0 ? decode(parts[0]) : "";
        String action = parts.length > 1 ? decode(parts[1]) : "";
        if (parts.length != 2 || route.isEmpty() || action.isEmpty()) {
            String message = "path: expected routes/{route}/{action}, was '" + target + "'";
            return result(ConsoleCommands.Result.error(404, message));
        }
        String user = security ? ConsoleSecurity.user(request) : null;
        if (!writesEnabled) {
            return result(commands.refuse(route, action, user == null ? ANONYMOUS : user, 403, "writes are "
                    + "disabled: this console is read-only; set strangler.console.writes-enabled=true (with Spring "
                    + "Security) to enable its controls"));
        }
        if (user == null) {
            return result(commands.refuse(route, action, ANONYMOUS, 401, "authentication: a command needs an "
                    + "authenticated user, recorded as the change's actor; log in first"));
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals("null") && !sameOrigin(origin, request)) {
            return result(commands.refuse(route, action, user, 403, "Origin: '" + origin
                    + "' is not this console's origin"));
        }
        ConsoleSecurity.Csrf csrf = ConsoleSecurity.csrf(request);
        if (csrf != null) {
            String sent = request.getHeader(csrf.headerName());
            if (sent == null || sent.isBlank()) {
                return result(commands.refuse(route, action, user, 403, csrf.headerName() + ": missing; a command "
                        + "carries the CSRF token of the console's page in this header"));
            }
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return result(commands.refuse(route, action, user, 415, "Content-Type: a command is a JSON body "
                    + "(application/json), was '" + contentType + "'"));
        }
        Map<?, ?> body;
        try {
            Object parsed = Json.parse(readBody(request));
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            body = m;
        } catch (IllegalArgumentException e) {
            return result(commands.refuse(route, action, user, 400, "body: " + e.getMessage()));
        }
        // the actor is who logged in: a body's "actor" would let a user act in someone else's name
        return result(commands.run(route, action, user, text(body.get("reason")), text(body.get("checkpoint"))));
    }

    /**
     * Whether {@code origin} is the request's own: its host and port as the browser sent them ({@code Host}), or as
     * the server sees them behind a proxy that forwards them ({@code server.forward-headers-strategy}).
     */
    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        String authority;
        String scheme;
        try {
            URI o = URI.create(origin);
            authority = o.getRawAuthority();
            scheme = o.getScheme();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (authority == null || scheme == null) {
            return false;
        }
        String host = request.getHeader("Host");
        if (host != null && authority.equalsIgnoreCase(host)) {
            return true;
        }
        int port = request.getServerPort();
        boolean defaultPort = port == 80 && "http".equalsIgnoreCase(request.getScheme())
                || port == 443 && "https".equalsIgnoreCase(request.getScheme());
        String server = request.getServerName() + (defaultPort ? "" : ":" + port);
        return scheme.equalsIgnoreCase(request.getScheme()) && authority.equalsIgnoreCase(server);
    }

    private static String readBody(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the command's body", e);
        }
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The body of an error, as {@link ConsoleCommands.Result} writes it: {@code {status, error, message}}. */
    private ServerResponse result(ConsoleCommands.Result result) {
        return send(result.status(), "application/json", Json.write(result.body()), null);
    }

    private ServerResponse redirect() {
        // relative, so that it holds under any context path: ".../strangler-console" -> ".../strangler-console/"
        String location = bare.substring(bare.lastIndexOf('/') + 1) + "/";
        return ServerResponse.status(308).headers(h -> securityHeaders(h, "text/plain; charset=utf-8"))
                .header("Location", location).build();
    }

    private static ServerResponse send(int status, String contentType, String body, @Nullable String allow) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ServerResponse.BodyBuilder response = ServerResponse.status(status)
                .headers(h -> securityHeaders(h, contentType));
        if (allow != null) {
            response.header("Allow", allow);
        }
        return response.build((request, servletResponse) -> {
            servletResponse.setContentLength(bytes.length);
            servletResponse.getOutputStream().write(bytes);
            return null;
        });
    }

    /** The headers of every answer: those of {@code io.strangler.console.StranglerConsole}. */
    private static void securityHeaders(org.springframework.http.HttpHeaders headers, String contentType) {
        headers.set("Content-Type", contentType);
        ConsolePage.SECURITY_HEADERS.forEach(headers::set);
    }
}
