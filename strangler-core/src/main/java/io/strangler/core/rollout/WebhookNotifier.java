package io.strangler.core.rollout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts every notification as JSON ({@link RolloutNotification#toJson()}, whose {@code text} field Slack's incoming
 * webhooks and most chat tools show) to a URL, on a daemon thread of its own ({@code strangler-webhook}): the
 * controller hands the notification over and goes on. A post that fails, times out or gets no 2xx answer is logged
 * and counted ({@link #failures()}), never retried and never in the controller's way; when 1,000 posts wait
 * already, a new one is dropped, logged and counted the same way. {@link #close()} stops the thread after the posts
 * waiting, at most the timeout each.
 *
 * <pre>{@code
 * WebhookNotifier hook = WebhookNotifier.builder(URI.create("https://hooks.slack.com/services/T0/B0/x"))
 *         .timeout(Duration.ofSeconds(5))
 *         .header("Authorization", "Bearer " + token)
 *         .build();
 * Strangler.controller(router).notifier(hook).build();
 * }</pre>
 */
public final class WebhookNotifier implements RolloutNotifier, AutoCloseable {

    /** Default longest wait for one post. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final int QUEUE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

    private final URI url;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final HttpClient client;
    private final ThreadPoolExecutor sender;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    private WebhookNotifier(Builder b) {
        this.url = b.url;
        this.timeout = b.timeout;
        this.headers = Map.copyOf(b.headers);
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "strangler-webhook");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A builder of a notifier that posts to {@code url}.
     *
     * @param url an {@code http} or {@code https} URL with a host
     * @return the builder
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException if {@code url} is not an absolute {@code http} or {@code https} URL with a
     *     host; the message names it
     */
    public static Builder builder(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("url must be an http or https URL with a host, was '" + url + "'");
        }
        return new Builder(url);
    }

    @Override
    public void notify(RolloutNotification notification) {
        String body = notification.toJson();
        try {
            sender.execute(() -> post(notification, body));
        } catch (RejectedExecutionException e) {
            failures.incrementAndGet();
            LOG.warn("webhook {}: {} notifications wait already (or the notifier is closed); dropped {} of route "
                    + "'{}'", url, QUEUE, notification.kind(), notification.route());
        }
    }

    private void post(RolloutNotification notification, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                failures.incrementAndGet();
                LOG.warn("webhook {}: {} of route '{}' answered HTTP {}", url, notification.kind(),
                        notification.route(), response.statusCode());
            } else {
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.incrementAndGet();
        } catch (Exception e) {
            failures.incrementAndGet();
            LOG.warn("webhook {}: posting {} of route '{}' failed: {}", url, notification.kind(), notification.route(),
                    e.toString());
        }
    }

    /**
     * Posts answered with a 2xx status.
     *
     * @return how many
     */
    public long sent() {
        return sent.get();
    }

    /**
     * Notifications not delivered: failed, timed out, answered without a 2xx status, or dropped.
     *
     * @return how many
     */
    public long failures() {
        return failures.get();
    }

    /** Sends what waits (each post waiting at most the timeout), then stops the thread. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            long waitMillis = timeout.toMillis() * Math.min(QUEUE, sender.getQueue().size() + 1L);
            if (!sender.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WebhookNotifier{url=" + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? ""
                : ":" + url.getPort()) + "/...}";
    }

    /** Settings of a {@link WebhookNotifier}. */
    public static final class Builder {
        private final URI url;
        private Duration timeout = DEFAULT_TIMEOUT;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(URI url) {
            this.url = url;
        }

        /**
         * The longest wait to connect and for an answer; default 5 s.
         *
         * @param timeout between 1 ms and 1 min
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if out of range
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("timeout must be between 1 ms and 1 min, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * A header sent with every post, an {@code Authorization} header say.
         *
         * @param name the header's name, not blank
         * @param value its value
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("header name must not be blank, was '" + name + "'");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * Builds the notifier; its thread starts with the first post.
         *
         * @return the notifier
         */
        public WebhookNotifier build() {
            return new WebhookNotifier(this);
        }
    }
}
