package io.strangler.spring.web;

/** What the web tests' Boot applications share. */
final class TestApps {

    /**
     * The test classpath has spring-jdbc and a PostgreSQL driver but no database: a DataSource would fail start-up.
     * Both lines' class names; Boot ignores an exclusion that is not on the classpath.
     */
    static final String NO_DATASOURCE = "spring.autoconfigure.exclude="
            + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    static final String USER = "alice";
    static final String PASSWORD = "secret";

    private TestApps() {
    }
}
