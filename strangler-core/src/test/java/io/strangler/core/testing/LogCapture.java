package io.strangler.core.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What Strangler logged during a test, for the tests where a log line is part of the promise (a failure a person
 * must see, with the route it concerns). Registered on an instance field with {@code @RegisterExtension}; it
 * captures the warnings and errors of every {@code io.strangler} logger, from any thread, while the test runs. The
 * lines still go to the module's {@code target/test.log}.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger = (Logger) LoggerFactory.getLogger("io.strangler");
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.setContext(logger.getLoggerContext());
        appender.setName("LogCapture");
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        appender.stop();
    }

    /** Every line logged so far, as {@code LEVEL message} with its arguments filled in, oldest first. */
    public List<String> lines() {
        return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).collect(Collectors.toList());
    }

    /** The lines logged at {@code level} ({@code "WARN"}, {@code "ERROR"}), messages alone, oldest first. */
    public List<String> lines(String level) {
        return events.stream().filter(e -> e.getLevel().toString().equals(level))
                .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    /** The exceptions logged with the lines, by class, oldest first; a line without one is left out. */
    public List<String> exceptionClasses() {
        return events.stream().filter(e -> e.getThrowableProxy() != null)
                .map(e -> e.getThrowableProxy().getClassName()).collect(Collectors.toList());
    }

    /** Forgets what was captured so far. */
    public void clear() {
        events.clear();
    }
}
