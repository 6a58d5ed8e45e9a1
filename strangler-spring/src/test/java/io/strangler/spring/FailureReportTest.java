package io.strangler.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A real start-up with a bad property fails with the property's name, and Boot finds {@link StranglerFailureAnalyzer}
 * where it looks for failure analyzers ({@code META-INF/spring.factories}), so its report, not a stack trace, is
 * what the application prints.
 */
class FailureReportTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(StranglerAutoConfiguration.class)
    @Import(StranglerAutoConfigurationTest.AnnotatedMethods.class)
    static class App {
    }

    @Test
    void aBadPropertyStopsARealStartUpAndBootsAnalyzersIncludeStrangler() {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        Throwable failure = catchThrowable(() -> app.run(
                "--strangler.routes.greeter.percentage=150", "--strangler.rollout.enabled=false",
                "--spring.main.banner-mode=off"));
        assertThat(failure).hasStackTraceContaining("strangler.routes.greeter.percentage");

        FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(),
                        SpringFactoriesLoader.FailureHandler.logging(org.apache.commons.logging.LogFactory.getLog(
                                FailureReportTest.class))).stream()
                .filter(StranglerFailureAnalyzer.class::isInstance).findFirst().orElseThrow()
                .analyze(failure);
        assertThat(analysis.getDescription()).isEqualTo("Strangler can't start: strangler.routes.greeter.percentage = "
                + "'150.0': percentage must be between 0 and 100 %, was 150.0");
        assertThat(analysis.getAction()).isEqualTo("Fix strangler.routes.greeter.percentage in the application's "
                + "properties.");
    }
}
