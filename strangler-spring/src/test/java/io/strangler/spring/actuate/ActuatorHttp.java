package io.strangler.spring.actuate;

import io.strangler.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * Requests to the running test application with the JDK's client: TestRestTemplate and {@code @LocalServerPort}
 * moved between Boot 3 and 4, {@code local.server.port} and {@code java.net.http} did not. Bodies are read with
 * strangler-core's JSON reader, which neither line's Jackson is.
 */
final class ActuatorHttp {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    ActuatorHttp(Environment environment) {
        this.base = "http://localhost:" + environment.getRequiredProperty("local.server.port");
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null, null);
    }

    Response post(String path, String json, String user, String password) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), user, password);
    }

    Response post(String path, String json) {
        return post(path, json, null, null);
    }

    private Response send(HttpRequest.Builder request, String user, String password) {
        request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body) {

        Map<String, Object> json() {
            return map(Json.parse(body));
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
