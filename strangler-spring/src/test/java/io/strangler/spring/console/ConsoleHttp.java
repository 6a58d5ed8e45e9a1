package io.strangler.spring.console;

import io.strangler.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * A browser, as far as the console's tests need one: the JDK's client (TestRestTemplate and
 * {@code @LocalServerPort} moved between Boot 3 and 4, {@code local.server.port} and {@code java.net.http} did not)
 * with a cookie jar, so that a session, a login and a CSRF token last across requests. Redirects are not followed:
 * the tests look at them. Bodies are read with strangler-core's JSON reader.
 */
final class ConsoleHttp {

    private static final Pattern LOGIN_CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
    private final String base;

    ConsoleHttp(Environment environment) {
        this.base = "http://localhost:" + environment.getRequiredProperty("local.server.port");
    }

    /** The origin a page of the application has: scheme, host and port. */
    String origin() {
        return base;
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** A command as the page sends it: a JSON POST, with the headers given (the CSRF token's, an Origin). */
    Response command(String path, String json, String... headers) {
        return send("POST", path, "application/json", json, headers);
    }

    /** Logs in with the form Spring Security generates, as a person would: its page first, for the CSRF token. */
    void login(String user, String password) {
        Response page = get("/login");
        Matcher input = LOGIN_CSRF.matcher(page.body());
        if (page.status() != 200 || !input.find()) {
            throw new IllegalStateException("no login form with a CSRF token at /login: " + page);
        }
        Matcher value = VALUE.matcher(input.group());
        if (!value.find()) {
            throw new IllegalStateException("no value in the login form's CSRF input: " + input.group());
        }
        Response login = send("POST", "/login", "application/x-www-form-urlencoded",
                "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(value.group(1)));
        if (login.status() != 302 || login.header("Location").contains("error")) {
            throw new IllegalStateException("login of " + user + " failed: " + login + " " + login.headers());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    record Response(int status, String body, HttpHeaders headers) {

        Map<String, Object> json() {
            return map(Json.parse(body));
        }

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        /** The content of the page's {@code <meta name="...">}, or null. */
        String meta(String name) {
            Matcher m = Pattern.compile("<meta name=\"" + Pattern.quote(name) + "\" content=\"([^\"]*)\">")
                    .matcher(body);
            return m.find() ? m.group(1) : null;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object value) {
            return (Map<String, Object>) value;
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object value) {
            return (List<Object>) value;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
