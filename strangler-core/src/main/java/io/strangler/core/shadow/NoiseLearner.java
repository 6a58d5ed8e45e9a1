package io.strangler.core.shadow;

import io.strangler.api.compare.Difference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Learns which paths differ between two answers of legacy to the same read (an A/A comparison): timestamps,
 * generated ids, iteration order of hash sets. A difference at such a path is noise, not a mismatch. Paths are
 * generalised over list indexes ({@code $.items[3].id} and {@code $.items[7].id} are one path). Bounded: at most
 * {@value #MAX_PATHS} paths are learned. Thread-safe.
 */
final class NoiseLearner {

    static final int MAX_PATHS = 1_000;
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private final int threshold;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    NoiseLearner(int threshold) {
        this.threshold = threshold;
    }

    void learn(List<Difference> aaDifferences) {
        for (Difference d : aaDifferences) {
            String path = generalise(d.path());
            LongAdder count = counts.get(path);
            if (count == null) {
                if (counts.size() >= MAX_PATHS) {
                    continue;
                }
                count = counts.computeIfAbsent(path, p -> new LongAdder());
            }
            count.increment();
        }
    }

    boolean isNoise(Difference difference) {
        if (counts.isEmpty()) {
            return false;
        }
        LongAdder count = counts.get(generalise(difference.path()));
        return count != null && count.sum() >= threshold;
    }

    Map<String, Long> noisyPaths() {
        Map<String, Long> result = new java.util.TreeMap<>();
        counts.forEach((path, count) -> {
            if (count.sum() >= threshold) {
                result.put(path, count.sum());
            }
        });
        return result;
    }

    static String generalise(String path) {
        return path.indexOf('[') < 0 ? path : INDEX.matcher(path).replaceAll("[*]");
    }
}
