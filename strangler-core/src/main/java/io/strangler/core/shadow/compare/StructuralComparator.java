package io.strangler.core.shadow.compare;

import io.strangler.api.compare.Difference;
import io.strangler.api.compare.ResultComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/**
 * A {@link ResultComparator} that walks the legacy and the modern result side by side and reports every
 * {@link Difference} with the path where it is.
 *
 * <pre>{@code
 * ResultComparator comparator = StructuralComparator.builder()
 *         .ignore("$.**.updatedAt")                                  // never compared
 *         .normalize("$.name", v -> v instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : v)
 *         .unordered("$.skills")                                     // a list compared as a multiset
 *         .tolerance(1e-9)                                           // for doubles and floats
 *         .build();
 * List<Difference> differences = comparator.compare(legacyCv, modernCv);
 * // e.g. [Difference[path=$.address.city, kind=VALUE, legacy="Lyon", modern="Paris"]]
 * }</pre>
 *
 * <h2>Paths</h2>
 * The result itself is {@code $}; a record component, bean property or map key is {@code .name}, or
 * {@code ['any key']} when the key is not made of letters, digits, {@code _} and {@code -} (a quote or backslash
 * in it is escaped with a backslash); map keys that are not strings are written with {@code String.valueOf}. A
 * position in a list or array is {@code [3]}; an element of a set, or of a list compared as a multiset, is
 * {@code [*]}. Examples: {@code $.skills}, {@code $.address.city}, {@code $.items[3]}, {@code $.headers.Content-Type},
 * {@code $.labels['team name']}, {@code $.tags[*]}.
 *
 * <h2>Path patterns</h2>
 * {@link Builder#ignore}, {@link Builder#normalize} and {@link Builder#unordered} take patterns written like paths,
 * where {@code *} matches any one segment (a name, an index or {@code [*]}), {@code [*]} any index (and the element
 * segment {@code [*]}) and {@code **} any number of segments, none included. A pattern matches whole paths:
 * {@code $.items[*].updatedAt}, {@code $.**.id}, {@code $.*.name}.
 *
 * <h2>How values are compared</h2>
 * <ul>
 *   <li>The same object, or {@code null} on both sides, is a match. {@code null} on one side only is a
 *       {@code VALUE} difference: a {@code null} is a value (summarised {@code "null"}), not an absence. Only a map
 *       key, a list's tail or a set element can be absent, which gives {@code MISSING} or {@code EXTRA} with a
 *       {@code null} summary on the absent side.</li>
 *   <li>Values of different types give one {@code TYPE} difference and are not looked into. Maps are of one type
 *       with any map, sets with any set and other collections with any other collection; everything else
 *       (arrays, records, beans, numbers, …) only with the same class, so {@code Integer 1} and {@code Long 1}
 *       differ in type.</li>
 *   <li>Enums, and classes under {@code java.}, {@code javax.}, {@code jdk.}, {@code sun.} and {@code com.sun.}
 *       that are not maps, collections or {@code Optional}, are leaves, compared with {@code equals}; except
 *       {@code BigDecimal}, compared with {@code compareTo} ({@code 1.0} equals {@code 1.00}), and {@code Double}
 *       and {@code Float}, equal when exactly equal ({@code 0.0} equals {@code -0.0}, NaN equals NaN) or, with a
 *       {@linkplain Builder#tolerance tolerance}, no further apart than it.</li>
 *   <li>Records are compared component by component, in declaration order. Other classes are compared property
 *       by property through their public getters ({@code getX()}, and {@code isX()} returning a boolean), in name
 *       order; a class with no such getter is compared with {@code equals}, and so is a class that is
 *       {@code Iterable} but not a {@code Collection} (such as Jackson's {@code JsonNode}). A getter that throws
 *       ends the comparison with an {@code IllegalStateException}. A class whose state its getters do not show
 *       is best turned into a map or a string by a {@linkplain Builder#normalize normaliser}.</li>
 *   <li>Maps are compared key by key ({@code containsKey} and {@code get} on the other map): keys only in legacy
 *       are {@code MISSING}, keys only in modern {@code EXTRA}; a key mapped to {@code null} is present.</li>
 *   <li>Lists, other non-set collections and arrays (primitive ones too) are compared position by position at
 *       {@code [i]}; the longer side's tail is {@code MISSING} or {@code EXTRA}, one difference per element. When
 *       positions differ but both sides hold the same elements (the same multiset), the result is one
 *       {@code ORDER} difference at the collection's path instead.</li>
 *   <li>Sets, and lists or arrays at an {@linkplain Builder#unordered unordered} path, are compared as multisets:
 *       every element without an equal partner on the other side is {@code MISSING} or {@code EXTRA} at
 *       {@code [*]}, with its summary. Rules for the elements are written with {@code [*]}, {@code *} or
 *       {@code **}; a pattern with a literal index does not reach them. Elements that are not leaves are paired
 *       by comparing them, at most {@value MultisetMatcher#PAIRING_BUDGET} tries per collection; elements still
 *       unpaired then count as missing and extra.</li>
 *   <li>{@code Optional} is transparent: the values inside are compared at the same path and depth (a
 *       normaliser there receives the {@code Optional} itself); an empty and a present {@code Optional} differ in
 *       {@code VALUE}.</li>
 * </ul>
 *
 * <h2>Bounds</h2>
 * A pair of objects already compared in this comparison is not compared again, so cyclic graphs terminate.
 * Values at depth {@link Builder#maxDepth maxDepth} (the root is depth 0) are compared with {@code equals}
 * (arrays deeply) instead of walked. The walk stops as soon as it has {@link Builder#maxDifferences maxDifferences}
 * differences, so a huge result that differs early costs little; a list holding exactly that many differences may
 * have more. Summaries are at most {@link Builder#summaryLength summaryLength} characters, ending in {@code …} when
 * cut. Deciding whether same-sized lists differ only in order reads them whole.
 *
 * <p>Immutable and thread-safe: one instance may compare on many threads at once, provided the normalisers are
 * thread-safe. Exceptions from normalisers and getters propagate.
 */
public final class StructuralComparator implements ResultComparator {

    /** Default {@link Builder#maxDepth maxDepth}: 32. */
    public static final int DEFAULT_MAX_DEPTH = 32;
    /** Default {@link Builder#maxDifferences maxDifferences}: 50. */
    public static final int DEFAULT_MAX_DIFFERENCES = 50;
    /** Default {@link Builder#summaryLength summaryLength}: 120 characters. */
    public static final int DEFAULT_SUMMARY_LENGTH = 120;

    private static final StructuralComparator DEFAULTS = builder().build();

    private final int maxDepth;
    private final int maxDifferences;
    private final int summaryLength;
    private final double tolerance;
    private final PathRules rules;
    private final Summarizer summarizer;
    private final List<Expected> expected;

    private StructuralComparator(Builder builder) {
        this.maxDepth = builder.maxDepth;
        this.maxDifferences = builder.maxDifferences;
        this.summaryLength = builder.summaryLength;
        this.tolerance = builder.tolerance;
        this.rules = new PathRules(builder.ignored, builder.normalisers, builder.unordered);
        this.summarizer = new Summarizer(summaryLength);
        this.expected = List.copyOf(builder.expected);
    }

    /** A declared expected difference: the paths it covers and what the two sides' values there may be. */
    private record Expected(PathPattern pattern, BiPredicate<String, String> when) {
    }

    /**
     * A comparator with the defaults and no rules: depth 32, 50 differences, summaries of 120 characters.
     *
     * @return a comparator with the defaults and no rules: depth 32, 50 differences, summaries of 120 characters
     */
    public static StructuralComparator ofDefaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults, with no rules.
     *
     * @return a builder starting from the defaults, with no rules
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A comparator that does not walk: one {@code VALUE} difference at {@code $} unless
     * {@code Objects.equals(legacy, modern)} (two {@code null}s are equal; arrays are equal only when the same
     * array). Summaries are at most {@value #DEFAULT_SUMMARY_LENGTH} characters. Thread-safe.
     *
     * @return the shared instance
     */
    public static ResultComparator equality() {
        return EqualityComparator.INSTANCE;
    }

    /**
     * Compares two results.
     *
     * @param legacy the legacy result, may be {@code null}
     * @param modern the modern result, may be {@code null}
     * @return the differences in the order the walk met them, at most {@link #maxDifferences()}; empty when the
     *     results match; unmodifiable
     * @throws IllegalStateException if a getter throws or cannot be called
     * @throws RuntimeException whatever a normaliser throws
     */
    @Override
    public List<Difference> compare(Object legacy, Object modern) {
        List<Difference> found = new Comparison(this, maxDifferences).run(legacy, modern);
        if (expected.isEmpty() || found.isEmpty()) {
            return found;
        }
        List<Difference> marked = new ArrayList<>(found.size());
        for (Difference d : found) {
            marked.add(isExpected(d) ? d.asExpected() : d);
        }
        return Collections.unmodifiableList(marked);
    }

    private boolean isExpected(Difference d) {
        Path path;
        try {
            path = Path.parse(d.path());
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Expected rule : expected) {
            if (rule.pattern().matches(path) && rule.when().test(d.legacy(), d.modern())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The depth from which values are compared with {@code equals} instead of walked.
     *
     * @return the depth from which values are compared with {@code equals} instead of walked
     */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * The most differences one comparison reports.
     *
     * @return the most differences one comparison reports
     */
    public int maxDifferences() {
        return maxDifferences;
    }

    /**
     * The most characters of a value's summary.
     *
     * @return the most characters of a value's summary
     */
    public int summaryLength() {
        return summaryLength;
    }

    /**
     * How far apart two doubles or floats may be and still be equal; 0 for exact equality.
     *
     * @return how far apart two doubles or floats may be and still be equal; 0 for exact equality
     */
    public double tolerance() {
        return tolerance;
    }

    PathRules rules() {
        return rules;
    }

    Summarizer summarizer() {
        return summarizer;
    }

    @Override
    public String toString() {
        return "StructuralComparator{maxDepth=" + maxDepth + ", maxDifferences=" + maxDifferences
                + ", summaryLength=" + summaryLength + ", tolerance=" + tolerance + ", " + rules + "}";
    }

    /** Builds a {@link StructuralComparator}; every setter checks its arguments at once. Not thread-safe. */
    public static final class Builder {
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxDifferences = DEFAULT_MAX_DIFFERENCES;
        private int summaryLength = DEFAULT_SUMMARY_LENGTH;
        private double tolerance;
        private final List<PathPattern> ignored = new ArrayList<>();
        private final List<PathRules.Normaliser> normalisers = new ArrayList<>();
        private final List<PathPattern> unordered = new ArrayList<>();
        private final List<Expected> expected = new ArrayList<>();

        private Builder() {
        }

        /**
         * Ignores the paths matching a pattern: no difference is reported at them or under them, and the
         * comparison does not look there (a getter whose path is ignored is not called).
         *
         * @param pathPattern a path pattern, e.g. {@code $.**.updatedAt}
         * @return this builder
         * @throws NullPointerException if {@code pathPattern} is {@code null}
         * @throws IllegalArgumentException if {@code pathPattern} is not a well formed pattern
         */
        public Builder ignore(String pathPattern) {
            ignored.add(PathPattern.compile(pathPattern));
            return this;
        }

        /**
         * Declares a difference expected where modern is meant to answer otherwise than legacy: a legacy bug modern
         * fixes, say. A difference at a path matching the pattern whose two values (as summarised in the
         * difference, {@code null} where a side has none) satisfy {@code when} is marked expected: a comparison whose
         * only differences are expected ends {@code EXPECTED}, is counted apart, kept for inspection, and is no
         * mismatch, so the mismatch trigger does not count it; any other difference in the same comparison still is.
         * Unlike {@link #ignore}, the path is still compared, so a difference the rule does not describe is caught.
         *
         * <pre>{@code
         * // legacy counts "JavaScript" as "java"; modern does not
         * builder.expect("$.skills", (legacy, modern) -> legacy != null && legacy.contains("java"));
         * }</pre>
         *
         * @param pathPattern a path pattern, e.g. {@code $.skills} or {@code $.items[*].price}
         * @param when whether a difference there is the expected one, given the legacy and the modern summary;
         *     must be thread-safe
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code pathPattern} is not a well formed pattern
         */
        public Builder expect(String pathPattern, BiPredicate<String, String> when) {
            PathPattern pattern = PathPattern.compile(pathPattern);
            expected.add(new Expected(pattern, Objects.requireNonNull(when, "when")));
            return this;
        }

        /**
         * Applies a normaliser to the legacy and the modern value at the paths matching a pattern before they are
         * compared, e.g. to trim a string or round a timestamp. It receives {@code null} when the value is
         * {@code null}, so it may also map {@code null} to an empty list. Several normalisers matching one path
         * apply in the order they were given. It must be thread-safe; what it throws ends the comparison.
         *
         * <pre>{@code
         * builder.normalize("$.items[*].updatedAt",
         *         v -> v instanceof Instant t ? t.truncatedTo(ChronoUnit.SECONDS) : v);
         * }</pre>
         *
         * @param pathPattern a path pattern, e.g. {@code $.name}
         * @param normaliser what to do to each side's value there
         * @return this builder
         * @throws NullPointerException if {@code pathPattern} or {@code normaliser} is {@code null}
         * @throws IllegalArgumentException if {@code pathPattern} is not a well formed pattern
         */
        public Builder normalize(String pathPattern, UnaryOperator<Object> normaliser) {
            PathPattern pattern = PathPattern.compile(pathPattern);
            Objects.requireNonNull(normaliser, "normaliser");
            normalisers.add(new PathRules.Normaliser(pattern, normaliser));
            return this;
        }

        /**
         * Compares the lists, collections and arrays at the paths matching a pattern as multisets: order does
         * not matter, each element without a partner is reported at {@code [*]}. Sets are always compared so.
         *
         * @param pathPattern a path pattern, e.g. {@code $.skills}
         * @return this builder
         * @throws NullPointerException if {@code pathPattern} is {@code null}
         * @throws IllegalArgumentException if {@code pathPattern} is not a well formed pattern
         */
        public Builder unordered(String pathPattern) {
            unordered.add(PathPattern.compile(pathPattern));
            return this;
        }

        /**
         * Sets the depth from which values are compared with {@code equals} instead of walked, the root being depth 0;
         * at least 1 (default {@value StructuralComparator#DEFAULT_MAX_DEPTH}).
         *
         * @param maxDepth the depth from which values are compared with {@code equals} instead of walked, the
         *     root being depth 0; at least 1 (default {@value StructuralComparator#DEFAULT_MAX_DEPTH})
         * @return this builder
         * @throws IllegalArgumentException if {@code maxDepth} is below 1
         */
        public Builder maxDepth(int maxDepth) {
            this.maxDepth = atLeastOne("maxDepth", maxDepth);
            return this;
        }

        /**
         * Sets the most differences one comparison reports; the walk stops when it has them; at least 1 (default
         * {@value StructuralComparator#DEFAULT_MAX_DIFFERENCES}).
         *
         * @param maxDifferences the most differences one comparison reports; the walk stops when it has them; at
         *     least 1 (default {@value StructuralComparator#DEFAULT_MAX_DIFFERENCES})
         * @return this builder
         * @throws IllegalArgumentException if {@code maxDifferences} is below 1
         */
        public Builder maxDifferences(int maxDifferences) {
            this.maxDifferences = atLeastOne("maxDifferences", maxDifferences);
            return this;
        }

        /**
         * Sets the most characters of a value's summary, at least 1 (default
         * {@value StructuralComparator#DEFAULT_SUMMARY_LENGTH}).
         *
         * @param summaryLength the most characters of a value's summary, at least 1 (default
         *     {@value StructuralComparator#DEFAULT_SUMMARY_LENGTH})
         * @return this builder
         * @throws IllegalArgumentException if {@code summaryLength} is below 1
         */
        public Builder summaryLength(int summaryLength) {
            this.summaryLength = atLeastOne("summaryLength", summaryLength);
            return this;
        }

        /**
         * Sets how far apart two {@code Double}s or two {@code Float}s may be and still be equal; finite and at least 0
         * (default 0: exact equality). Not applied to {@code BigDecimal}.
         *
         * @param tolerance how far apart two {@code Double}s or two {@code Float}s may be and still be equal;
         *     finite and at least 0 (default 0: exact equality). Not applied to {@code BigDecimal}.
         * @return this builder
         * @throws IllegalArgumentException if {@code tolerance} is negative, infinite or NaN
         */
        public Builder tolerance(double tolerance) {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be finite and at least 0, was " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * The comparator.
         *
         * @return the comparator
         */
        public StructuralComparator build() {
            return new StructuralComparator(this);
        }

        private static int atLeastOne(String field, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(field + " must be at least 1, was " + value);
            }
            return value;
        }
    }
}
