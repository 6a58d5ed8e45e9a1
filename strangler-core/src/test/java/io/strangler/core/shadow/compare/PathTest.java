package io.strangler.core.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathTest {

    @Test
    void rootIsDollar() {
        assertThat(Path.ROOT).hasToString("$");
        assertThat(Path.ROOT.size()).isZero();
    }

    @Test
    void fieldsIndexesAndElements() {
        Path path = Path.ROOT.field("items").index(3).field("tags").element();
        assertThat(path).hasToString("$.items[3].tags[*]");
        assertThat(path.size()).isEqualTo(4);
    }

    @Test
    void keysThatAreNotPlainNamesAreQuoted() {
        assertThat(Path.ROOT.key("a key")).hasToString("$['a key']");
        assertThat(Path.ROOT.key("it's")).hasToString("$['it\\'s']");
        assertThat(Path.ROOT.key("back\\slash")).hasToString("$['back\\\\slash']");
        assertThat(Path.ROOT.key("a.b")).hasToString("$['a.b']");
        assertThat(Path.ROOT.key("")).hasToString("$['']");
        assertThat(Path.ROOT.key("*")).hasToString("$['*']");
    }

    @Test
    void keysThatAreNotStringsUseValueOf() {
        assertThat(Path.ROOT.key(42)).hasToString("$.42");
        assertThat(Path.ROOT.key(null)).hasToString("$.null");
    }

    @Test
    void parseReadsWhatToStringWrites() {
        for (String text : new String[] {"$", "$.a", "$.a[0].b", "$['a key']['it\\'s']", "$.tags[*]", "$.42"}) {
            assertThat(Path.parse(text)).hasToString(text);
        }
        assertThat(Path.parse("$['plain']")).hasToString("$.plain");
    }

    @Test
    void parseRejectsWildcards() {
        assertThatThrownBy(() -> Path.parse("$.**.id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'$.**.id'");
    }

    @Test
    void negativeIndexIsRejected() {
        assertThatThrownBy(() -> Path.ROOT.index(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
