package io.strangler.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.testing.LogCapture;
import org.ff4j.core.Feature;
import org.ff4j.store.InMemoryFeatureStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A kill switch pulled through a fleet store whose FF4J feature store fails after the state was written is never
 * turned back on: it stays pending, reads see it, and it is written once the feature store answers.
 */
class FeatureKillSwitchesTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    /** An in-memory feature store whose flips fail while {@code down}. */
    private static final class FlakyFeatures extends InMemoryFeatureStore {
        boolean down;

        @Override
        public void disable(String uid) {
            if (down) {
                throw new IllegalStateException("feature store down");
            }
            super.disable(uid);
        }

        @Override
        public boolean exist(String uid) {
            if (down) {
                throw new IllegalStateException("feature store down");
            }
            return super.exist(uid);
        }
    }

    @Test
    void aKillSwitchThatCantBeWrittenStaysPendingAndIsWrittenLater() {
        FlakyFeatures features = new FlakyFeatures();
        features.create(new Feature("strangler.svc", true));
        FeatureKillSwitches switches = new FeatureKillSwitches(features, "strangler.", "a test");
        assertThat(switches.read("svc")).isTrue();

        features.down = true;
        switches.written("svc", false);

        assertThat(switches.pending("svc")).isTrue();
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("ERROR")
                .contains("route 'svc': its state is written but its kill switch (FF4J feature 'strangler.svc') "
                        + "could not be set to disabled"));
        assertThat(switches.read("svc")).as("the pending flag, not the stale one").isFalse();

        features.down = false;
        assertThat(switches.read("svc")).isFalse();
        assertThat(switches.pending("svc")).isFalse();
        assertThat(features.read("strangler.svc").isEnable()).as("written at last").isFalse();
    }

    @Test
    void aLaterChangeReplacesAPendingFlag() {
        FlakyFeatures features = new FlakyFeatures();
        features.create(new Feature("strangler.svc", true));
        FeatureKillSwitches switches = new FeatureKillSwitches(features, "strangler.", "a test");
        switches.read("svc");
        features.down = true;
        switches.written("svc", false);
        features.down = false;

        switches.written("svc", true);

        assertThat(switches.pending("svc")).isFalse();
        assertThat(switches.read("svc")).isTrue();
        assertThat(features.read("strangler.svc").isEnable()).isTrue();
    }
}
