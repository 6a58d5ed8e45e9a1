package io.strangler.api.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Which exceptions are a normal outcome of a call, and whether idempotent writes fall back. */
class FallbackSettingsTest {

    @Test
    void theDefaultsIgnoreNothingAndDoNotRepeatWrites() {
        FallbackSettings defaults = FallbackSettings.ofDefaults();

        assertThat(defaults.ignoredExceptions()).isEmpty();
        assertThat(defaults.idempotentWrites()).isFalse();
        assertThat(defaults.isIgnored(new IllegalStateException())).isFalse();
    }

    @Test
    void anIgnoredExceptionCoversItsSubclassesAndNothingElse() {
        FallbackSettings fallback = FallbackSettings.custom().ignoreExceptions(IOException.class)
                .ignoreExceptions(NoSuchElementException.class).idempotentWrites(true).build();

        assertThat(fallback.ignoredExceptions()).containsExactly(IOException.class, NoSuchElementException.class);
        assertThat(fallback.isIgnored(new FileNotFoundException())).isTrue();
        assertThat(fallback.isIgnored(new NoSuchElementException())).isTrue();
        assertThat(fallback.isIgnored(new IllegalStateException())).isFalse();
        assertThat(fallback.idempotentWrites()).isTrue();
        assertThatThrownBy(() -> fallback.ignoredExceptions().add(Exception.class))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNullExceptionTypeIsRefusedNamingTheField() {
        FallbackSettings.Builder builder = FallbackSettings.custom();

        assertThatThrownBy(() -> builder.ignoreExceptions(IOException.class, null))
                .isInstanceOf(NullPointerException.class).hasMessage("fallback.ignoredExceptions");
    }
}
