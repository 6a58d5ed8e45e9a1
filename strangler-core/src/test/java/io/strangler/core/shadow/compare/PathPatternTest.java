package io.strangler.core.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            $                      | $                        | true
            $                      | $.a                      | false
            $.a                    | $.a                      | true
            $.a                    | $.a.b                    | false
            $.a                    | $.b                      | false
            $.a.b                  | $.a.b                    | true
            $['a']                 | $.a                      | true
            $['a key']             | $['a key']               | true
            $['it\\'s']            | $['it\\'s']              | true
            $.items[3]             | $.items[3]               | true
            $.items[3]             | $.items[4]               | false
            $.items[3]             | $.items[*]               | false
            $.items[*]             | $.items[3]               | true
            $.items[*]             | $.items[*]               | true
            $.items[*]             | $.items.a                | false
            $.items[*].updatedAt   | $.items[0].updatedAt     | true
            $.items[*].updatedAt   | $.items[0].createdAt     | false
            $.items[*].updatedAt   | $.items[0][1].updatedAt  | false
            $.*                    | $.a                      | true
            $.*                    | $[0]                     | true
            $.*                    | $[*]                     | true
            $.*                    | $                        | false
            $.*                    | $.a.b                    | false
            $.*.id                 | $.a.id                   | true
            $.*.id                 | $.a.b.id                 | false
            $.**                   | $                        | true
            $.**                   | $.a[2].b                 | true
            $.**.id                | $.id                     | true
            $.**.id                | $.a.id                   | true
            $.**.id                | $.a[3].b.id              | true
            $.**.id                | $.a.idx                  | false
            $.**.id                | $.id.a                   | false
            $.a.**.b               | $.a.b                    | true
            $.a.**.b               | $.a.x.y.b                | true
            $.a.**.b               | $.a.b.c                  | false
            $.**.b.**.c            | $.x.b.y.c                | true
            $.**.b.**.c            | $.x.c.y.b                | false
            $.**[*]                | $.a.b[7]                 | true
            $.**[*]                | $.a.b                    | false
            $['*']                 | $['*']                   | true
            $['*']                 | $.a                      | false
            $.a-b_c1               | $.a-b_c1                 | true
            """)
    void matchingTable(String pattern, String path, boolean matches) {
        assertThat(PathPattern.compile(pattern).matches(Path.parse(path))).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", ".a", "$a", "$.", "$..a", "$.a.", "$[", "$[]", "$[a]", "$[-1]", "$[1", "$['a",
            "$['a']x", "$.a b", "$.*a", "$.**b", "$.a*", "$[99999999999]", "$['\\x']", "$[*"})
    void badPatternsAreRejectedNamingThePattern(String pattern) {
        assertThatThrownBy(() -> PathPattern.compile(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + pattern + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$.items[*].updatedAt", "$.**.id", "$['a key'][3]"})
    void keepsItsText(String pattern) {
        assertThat(PathPattern.compile(pattern)).hasToString(pattern);
    }

    @org.junit.jupiter.api.Test
    void nullPatternIsRejected() {
        assertThatThrownBy(() -> PathPattern.compile(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("pathPattern");
    }
}
