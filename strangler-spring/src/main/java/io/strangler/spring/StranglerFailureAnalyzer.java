package io.strangler.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link StranglerConfigurationException}, wherever it is in the chain of causes of a failed start-up, into
 * Boot's failure report: the property, its value, what is wrong, and what to do.
 */
public class StranglerFailureAnalyzer extends AbstractFailureAnalyzer<StranglerConfigurationException> {

    /** An analyzer; Boot makes it from {@code META-INF/spring.factories}. */
    public StranglerFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StranglerConfigurationException cause) {
        return new FailureAnalysis("Strangler can't start: " + cause.getMessage(), cause.action(), cause);
    }
}
