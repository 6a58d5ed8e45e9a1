package io.strangler.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.strangler.spring.web.StranglerWebProperties.KeySource;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;

class StranglerWebPropertiesTest {

    @Test
    void defaults() {
        StranglerWebProperties properties = new StranglerWebProperties();

        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getKeySource()).isEqualTo(KeySource.HEADER_THEN_PRINCIPAL);
        assertThat(properties.getKeyHeader()).isEqualTo("X-Routing-Key");
        assertThat(properties.getSegmentsHeader()).isEqualTo("X-Routing-Segments");
        assertThat(properties.getFilterOrder()).isEqualTo(StranglerWebProperties.DEFAULT_FILTER_ORDER)
                .isEqualTo(Ordered.LOWEST_PRECEDENCE - 100);
    }

    @Test
    void refusesAHeaderNameThatIsBlankOrNoToken() {
        StranglerWebProperties properties = new StranglerWebProperties();

        assertThatIllegalArgumentException().isThrownBy(() -> properties.setKeyHeader(" "))
                .withMessageContaining("strangler.web.key-header");
        assertThatIllegalArgumentException().isThrownBy(() -> properties.setKeyHeader("X Routing Key"))
                .withMessageContaining("strangler.web.key-header");
        assertThatIllegalArgumentException().isThrownBy(() -> properties.setSegmentsHeader("X:Segments"))
                .withMessageContaining("strangler.web.segments-header");
    }

    @Test
    void anEmptySegmentsHeaderReadsNoSegments() {
        StranglerWebProperties properties = new StranglerWebProperties();

        properties.setSegmentsHeader("");

        assertThat(properties.getSegmentsHeader()).isEmpty();
    }

    @Test
    void keySourcesReadWhatTheirNamesSay() {
        assertThat(KeySource.HEADER.readsHeader()).isTrue();
        assertThat(KeySource.HEADER.readsPrincipal()).isFalse();
        assertThat(KeySource.PRINCIPAL.readsHeader()).isFalse();
        assertThat(KeySource.PRINCIPAL.readsPrincipal()).isTrue();
        assertThat(KeySource.HEADER_THEN_PRINCIPAL.readsHeader()).isTrue();
        assertThat(KeySource.HEADER_THEN_PRINCIPAL.readsPrincipal()).isTrue();
    }
}
