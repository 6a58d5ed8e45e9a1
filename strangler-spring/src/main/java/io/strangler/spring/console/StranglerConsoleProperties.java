package io.strangler.spring.console;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator console's properties, under {@code strangler.console}. The console is off unless
 * {@code strangler.console.enabled=true}, and read-only unless {@code strangler.console.writes-enabled=true}, which
 * needs Spring Security. Values it can't take (a relative path, a negative interval) stop start-up with a message
 * naming the property and the value.
 *
 * <pre>{@code
 * strangler.console.enabled=true
 * strangler.console.title=Skills service
 * strangler.console.writes-enabled=true
 * }</pre>
 */
@ConfigurationProperties("strangler.console")
public class StranglerConsoleProperties {

    /**
     * Points of each chart unless told otherwise: ten minutes at one point a second, as
     * {@link io.strangler.console.ConsoleHistory#DEFAULT_CAPACITY}. A literal, so that the configuration metadata shows the default.
     */
    static final int DEFAULT_HISTORY_SIZE = 600;

    /** Whether to serve the operator console: a live page of the routes, their rollouts, charts and controls. */
    private boolean enabled;

    /**
     * Path of the console's page, e.g. /ops/strangler/; a trailing slash is added. Defaults to "strangler-console/"
     * under the Actuator base path (management.endpoints.web.base-path), so /actuator/strangler-console/.
     */
    private @Nullable String path;

    /** Title of the console's page, e.g. the application's name. */
    private String title = "Strangler console";

    /**
     * Whether the console's controls (approve, pause, resume, promote, roll back, restore) can change anything.
     * Needs Spring Security: each command is made in the authenticated user's name and must carry the CSRF token.
     */
    private boolean writesEnabled;

    /** How often the charts take a point from the routes' figures; 0 to sample them yourself. */
    private Duration sampleInterval = Duration.ofSeconds(1);

    /** Points each route's charts keep; the oldest are dropped beyond it. */
    private int historySize = DEFAULT_HISTORY_SIZE;

    /** Properties with their defaults. */
    public StranglerConsoleProperties() {
    }

    /**
     * Whether to serve the operator console.
     *
     * @return whether to serve the operator console
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether to serve the operator console.
     *
     * @param enabled whether to serve the operator console
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Path of the console's page.
     *
     * @return the path as set, or null for the default under the Actuator base path
     */
    public @Nullable String getPath() {
        return path;
    }

    /**
     * Sets the path of the console's page.
     *
     * @param path an absolute path, or null for the default under the Actuator base path
     */
    public void setPath(@Nullable String path) {
        this.path = path;
    }

    /**
     * Title of the console's page.
     *
     * @return title of the console's page
     */
    public String getTitle() {
        return title;
    }

    /**
     * Sets the title of the console's page.
     *
     * @param title title of the console's page
     */
    public void setTitle(String title) {
        this.title = title;
    }

    /**
     * Whether the console's controls can change anything.
     *
     * @return whether the console's controls can change anything
     */
    public boolean isWritesEnabled() {
        return writesEnabled;
    }

    /**
     * Sets whether the console's controls can change anything.
     *
     * @param writesEnabled whether the console's controls can change anything
     */
    public void setWritesEnabled(boolean writesEnabled) {
        this.writesEnabled = writesEnabled;
    }

    /**
     * How often the charts take a point.
     *
     * @return how often the charts take a point; zero when the application samples them
     */
    public Duration getSampleInterval() {
        return sampleInterval;
    }

    /**
     * Sets how often the charts take a point.
     *
     * @param sampleInterval how often the charts take a point; zero when the application samples them
     */
    public void setSampleInterval(Duration sampleInterval) {
        this.sampleInterval = sampleInterval;
    }

    /**
     * Points each route's charts keep.
     *
     * @return points each route's charts keep
     */
    public int getHistorySize() {
        return historySize;
    }

    /**
     * Sets the points each route's charts keep.
     *
     * @param historySize points each route's charts keep
     */
    public void setHistorySize(int historySize) {
        this.historySize = historySize;
    }
}
