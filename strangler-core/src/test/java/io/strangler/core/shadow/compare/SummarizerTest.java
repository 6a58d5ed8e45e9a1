package io.strangler.core.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummarizerTest {

    private final Summarizer summarizer = new Summarizer(120);

    record Pair(String left, int right) {
    }

    static final class Plain {
        public int getA() {
            return 1;
        }

        public String getB() {
            return "b";
        }
    }

    static final class Talkative {
        public int getA() {
            return 1;
        }

        @Override
        public String toString() {
            return "talkative";
        }
    }

    static final class Broken {
        public int getA() {
            throw new IllegalStateException("no");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no");
        }
    }

    @Test
    void leaves() {
        assertThat(summarizer.summarize(null)).isEqualTo("null");
        assertThat(summarizer.summarize("a")).isEqualTo("\"a\"");
        assertThat(summarizer.summarize('a')).isEqualTo("'a'");
        assertThat(summarizer.summarize(42L)).isEqualTo("42");
    }

    @Test
    void containers() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", List.of("v"));
        map.put("n", null);
        assertThat(summarizer.summarize(map)).isEqualTo("{k=[\"v\"], n=null}");
        assertThat(summarizer.summarize(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(summarizer.summarize(Optional.of("x"))).isEqualTo("Optional[\"x\"]");
        assertThat(summarizer.summarize(List.of(List.of(List.of(List.of(1)))))).isEqualTo("[[[[…]]]]");
        assertThat(summarizer.summarize(List.of(List.of(List.of(List.of()))))).isEqualTo("[[[[]]]]");
    }

    @Test
    void recordsAndBeans() {
        assertThat(summarizer.summarize(new Pair("l", 2))).isEqualTo("Pair[left=\"l\", right=2]");
        assertThat(summarizer.summarize(new Plain())).isEqualTo("Plain{a=1, b=\"b\"}");
        assertThat(summarizer.summarize(new Talkative())).isEqualTo("talkative");
    }

    @Test
    void failingToStringAndGettersDoNotFail() {
        assertThat(summarizer.summarize(new Broken())).startsWith("Broken@");
        assertThat(summarizer.summarize(List.of(new Pair("l", 2), new Broken()))).startsWith("[Pair[");
    }

    @Test
    void cyclesAreBounded() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThat(summarizer.summarize(cycle)).isEqualTo("[[[[…]]]]");
    }

    @Test
    void withType() {
        assertThat(summarizer.summarizeWithType(1)).isEqualTo("Integer: 1");
        assertThat(summarizer.summarizeWithType(null)).isEqualTo("null");
        assertThat(summarizer.summarizeWithType(new int[0])).isEqualTo("int[]: []");
    }

    @Test
    void cutsAtTheLimitWithoutSplittingASurrogatePair() {
        Summarizer short5 = new Summarizer(5);
        assertThat(short5.summarize("abcdef")).isEqualTo("\"abc…");
        assertThat(short5.summarize("abcd")).isEqualTo("\"abc…");
        assertThat(short5.summarize("abc")).isEqualTo("\"abc\"");
        assertThat(short5.summarize("ab😀d")).isEqualTo("\"ab…");
        assertThat(new Summarizer(1).summarize("abc")).isEqualTo("…");
    }
}
