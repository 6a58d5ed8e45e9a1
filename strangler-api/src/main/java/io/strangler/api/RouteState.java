package io.strangler.api;

import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.shadow.ReadPreference;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The whole routing state of one route, as one immutable record: the stage, the rollout percentage in basis
 * points, the kill switch, forced segments, the cohort that salts the bucketing, the bucketing algorithm's
 * version, and its {@link Revision}: who changed it, when and why. Every change produces a new record with a
 * higher {@link #version()}; the router sets the revision, never the change itself.
 *
 * <pre>{@code
 * RouteState canary = RouteState.builder("cv-analyzer")
 *         .stage(Stage.CANARY)
 *         .percentage(10)              // 10 %, stored as 1000 basis points
 *         .forceModern("internal")     // staff always get the new analyzer
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RouteState {

    /** Basis points in 100 %: percentages are stored with 0.01 % granularity. */
    public static final int MAX_BASIS_POINTS = 10_000;
    /** The default shadow sample: 10 % of reads, in basis points. */
    public static final int DEFAULT_SHADOW_SAMPLE_BASIS_POINTS = 1_000;
    /** The version of the bucketing algorithm this release implements (see {@code Bucketing} in the core). */
    public static final int CURRENT_BUCKETING_VERSION = 1;

    private final String route;
    private final Stage stage;
    private final int percentageBasisPoints;
    private final boolean enabled;
    private final boolean fallbackToLegacy;
    private final int shadowSampleBasisPoints;
    private final DualWriteMode dualWriteMode;
    private final ReadPreference readPreference;
    private final Set<String> forcedModernSegments;
    private final Set<String> forcedLegacySegments;
    private final Set<String> rolloutSegments;
    private final String cohort;
    private final int bucketingVersion;
    private final Revision revision;

    private RouteState(Builder b, Revision revision) {
        this.route = b.route;
        this.stage = b.stage;
        this.percentageBasisPoints = b.percentageBasisPoints;
        this.enabled = b.enabled;
        this.fallbackToLegacy = b.fallbackToLegacy;
        this.shadowSampleBasisPoints = b.shadowSampleBasisPoints;
        this.dualWriteMode = b.dualWriteMode;
        this.readPreference = b.readPreference;
        this.forcedModernSegments = copy(b.forcedModernSegments);
        this.forcedLegacySegments = copy(b.forcedLegacySegments);
        this.rolloutSegments = copy(b.rolloutSegments);
        this.cohort = b.cohort == null ? b.route : b.cohort;
        this.bucketingVersion = b.bucketingVersion;
        this.revision = revision;
    }

    private RouteState(RouteState s, Revision revision) {
        this.route = s.route;
        this.stage = s.stage;
        this.percentageBasisPoints = s.percentageBasisPoints;
        this.enabled = s.enabled;
        this.fallbackToLegacy = s.fallbackToLegacy;
        this.shadowSampleBasisPoints = s.shadowSampleBasisPoints;
        this.dualWriteMode = s.dualWriteMode;
        this.readPreference = s.readPreference;
        this.forcedModernSegments = s.forcedModernSegments;
        this.forcedLegacySegments = s.forcedLegacySegments;
        this.rolloutSegments = s.rolloutSegments;
        this.cohort = s.cohort;
        this.bucketingVersion = s.bucketingVersion;
        this.revision = Objects.requireNonNull(revision, "revision");
    }

    /**
     * A builder for the state of route {@code route}, starting from the defaults: stage {@link Stage#LEGACY},
     * 0 %, enabled, fallback to legacy on, no segments, cohort = route name. A state built from it has the
     * {@link Revision#INITIAL initial revision}.
     *
     * @param route the route's name
     * @return a new builder
     * @throws NullPointerException if {@code route} is null
     * @throws IllegalArgumentException if {@code route} is blank
     */
    public static Builder builder(String route) {
        return new Builder(requireName("route", route));
    }

    /**
     * A builder that starts from this state: every routing setting, not the revision, which the router sets.
     *
     * @return a new builder holding every setting of this state
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The route's name.
     *
     * @return the route's name
     */
    public String route() {
        return route;
    }

    /**
     * The stage.
     *
     * @return the stage
     */
    public Stage stage() {
        return stage;
    }

    /**
     * The rollout percentage in basis points ({@code 1000} = 10 %): in {@link Stage#CANARY}, a key is served by
     * modern when its bucket is below this number.
     *
     * @return a number in {@code [0, 10000]}
     */
    public int percentageBasisPoints() {
        return percentageBasisPoints;
    }

    /**
     * The rollout percentage in percent.
     *
     * @return {@link #percentageBasisPoints()} / 100
     */
    public double percentage() {
        return percentageBasisPoints / 100.0;
    }

    /**
     * The share of keys that modern serves in this state, in basis points: all keys in {@link Stage#RETIRED}
     * (whose kill switch is ignored: legacy no longer receives writes), 0 when the route is disabled or its stage
     * serves legacy only, the percentage in {@link Stage#CANARY}, all keys in {@link Stage#MODERN}. Forced
     * segments are not counted.
     *
     * @return a number in {@code [0, 10000]}
     */
    public int effectivePercentageBasisPoints() {
        if (stage == Stage.RETIRED) {
            return MAX_BASIS_POINTS;
        }
        if (!enabled || !stage.servesModern()) {
            return 0;
        }
        return stage == Stage.CANARY ? percentageBasisPoints : MAX_BASIS_POINTS;
    }

    /**
     * The kill switch. A disabled route sends every call to legacy, whatever its stage. Stored as the FF4J
     * feature's enabled flag.
     *
     * @return whether the route is enabled
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Whether a read that fails on modern, or finds modern's circuit breaker open, is served by legacy instead.
     *
     * @return whether fallback to legacy is allowed
     */
    public boolean fallbackToLegacy() {
        return fallbackToLegacy;
    }

    /**
     * The share of reads whose other side is also run, off the caller's thread, and compared, in
     * {@link Stage#SHADOW}, {@link Stage#CANARY} and {@link Stage#MODERN}. Default 10 %: enough comparisons to find
     * mismatches quickly at moderate traffic, without doubling the load on a modern side provisioned for a canary.
     * Raise it (up to 100 %, as Scientist-style experiments do) in {@link Stage#SHADOW} when both sides can take it.
     *
     * @return a number in {@code [0, 10000]}
     */
    public int shadowSampleBasisPoints() {
        return shadowSampleBasisPoints;
    }

    /**
     * How the second write of {@link Stage#DUAL_WRITE}, {@link Stage#SHADOW}, {@link Stage#CANARY} and
     * {@link Stage#MODERN} is made. Default {@link DualWriteMode#SYNC}.
     *
     * @return the mode
     */
    public DualWriteMode dualWriteMode() {
        return dualWriteMode;
    }

    /**
     * Which side answers reads in the stages where both hold the same data. Default {@link ReadPreference#SERVING}.
     *
     * @return the preference
     */
    public ReadPreference readPreference() {
        return readPreference;
    }

    /**
     * Segments whose keys modern serves in {@link Stage#CANARY} and {@link Stage#MODERN}.
     *
     * @return segments whose keys modern serves in {@link Stage#CANARY} and {@link Stage#MODERN}
     */
    public Set<String> forcedModernSegments() {
        return forcedModernSegments;
    }

    /**
     * Segments whose keys legacy serves in every stage but {@link Stage#RETIRED}.
     *
     * @return segments whose keys legacy serves in every stage but {@link Stage#RETIRED}
     */
    public Set<String> forcedLegacySegments() {
        return forcedLegacySegments;
    }

    /**
     * Segments the canary is limited to: when not empty, a key outside all of them is served by legacy in
     * {@link Stage#CANARY}.
     *
     * @return the segments, empty for no limit
     */
    public Set<String> rolloutSegments() {
        return rolloutSegments;
    }

    /**
     * The salt of the bucketing. Routes that must move the same users together share a cohort.
     *
     * @return the cohort, by default the route's name
     */
    public String cohort() {
        return cohort;
    }

    /**
     * The version of the bucketing algorithm this state was written with.
     *
     * @return the version of the bucketing algorithm this state was written with
     */
    public int bucketingVersion() {
        return bucketingVersion;
    }

    /**
     * Which change produced this state: its version, who made it, when and why.
     *
     * @return the revision
     */
    public Revision revision() {
        return revision;
    }

    /**
     * The version of this record: {@code revision().version()}. Every change increases it by one.
     *
     * @return the version, 0 for a state no one has changed
     */
    public long version() {
        return revision.version();
    }

    /**
     * This state with another revision. For {@link io.strangler.api.spi.RouteStateStore} implementations and
     * codecs that read a stored record back: the router sets the revision of every change itself, and ignores
     * the revision of a state a change or a definition hands it.
     *
     * @param revision the revision the stored record carries
     * @return a state with the same settings and {@code revision}
     * @throws NullPointerException if {@code revision} is null
     */
    public RouteState withRevision(Revision revision) {
        return revision.equals(this.revision) ? this : new RouteState(this, revision);
    }

    /**
     * Whether {@code other} routes exactly like this state: the same settings, whatever their revisions.
     *
     * @param other another state
     * @return whether every setting but the revision is equal
     */
    public boolean sameSettings(RouteState other) {
        return percentageBasisPoints == other.percentageBasisPoints && enabled == other.enabled
                && fallbackToLegacy == other.fallbackToLegacy && bucketingVersion == other.bucketingVersion
                && shadowSampleBasisPoints == other.shadowSampleBasisPoints && dualWriteMode == other.dualWriteMode
                && readPreference == other.readPreference && route.equals(other.route) && stage == other.stage
                && forcedModernSegments.equals(other.forcedModernSegments)
                && forcedLegacySegments.equals(other.forcedLegacySegments)
                && rolloutSegments.equals(other.rolloutSegments) && cohort.equals(other.cohort);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RouteState)) {
            return false;
        }
        RouteState s = (RouteState) o;
        return sameSettings(s) && revision.equals(s.revision);
    }

    @Override
    public int hashCode() {
        return Objects.hash(route, stage, percentageBasisPoints, enabled, revision.version(), cohort);
    }

    @Override
    public String toString() {
        return "RouteState{route=" + route + ", stage=" + stage + ", percentage=" + percentage() + "%"
                + (enabled ? "" : ", DISABLED") + ", version=" + revision.version()
                + (shadowSampleBasisPoints == DEFAULT_SHADOW_SAMPLE_BASIS_POINTS ? "" : ", shadowSample="
                        + shadowSampleBasisPoints / 100.0 + "%")
                + (dualWriteMode == DualWriteMode.SYNC ? "" : ", dualWriteMode=" + dualWriteMode)
                + (readPreference == ReadPreference.SERVING ? "" : ", readPreference=" + readPreference)
                + (forcedModernSegments.isEmpty() ? "" : ", forcedModern=" + forcedModernSegments)
                + (forcedLegacySegments.isEmpty() ? "" : ", forcedLegacy=" + forcedLegacySegments)
                + (rolloutSegments.isEmpty() ? "" : ", rolloutSegments=" + rolloutSegments)
                + (cohort.equals(route) ? "" : ", cohort=" + cohort)
                + (revision.changedBy() == null ? "" : ", changedBy=" + revision.changedBy() + ", changedAt="
                        + revision.changedAt() + ", reason=" + revision.reason())
                + "}";
    }

    private static Set<String> copy(Set<String> set) {
        return set.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(new LinkedHashSet<>(set));
    }

    /**
     * A percentage in basis points, rounded to the nearest: the one conversion every percentage setting of
     * Strangler goes through.
     *
     * @param field the setting's name, for the message
     * @param percent a number in {@code [0, 100]}
     * @return basis points in {@code [0, 10000]}
     * @throws IllegalArgumentException if {@code percent} is outside {@code [0, 100]} or not a number; the message
     *     names the field and the value
     */
    public static int basisPoints(String field, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(field + " must be between 0 and 100 %, was " + percent);
        }
        return (int) Math.round(percent * 100);
    }

    /**
     * Checks a number of basis points.
     *
     * @param field the setting's name, for the message
     * @param basisPoints a number in {@code [0, 10000]}
     * @return {@code basisPoints}
     * @throws IllegalArgumentException if it is outside {@code [0, 10000]}; the message names the field and the
     *     value
     */
    public static int requireBasisPoints(String field, long basisPoints) {
        if (basisPoints < 0 || basisPoints > MAX_BASIS_POINTS) {
            throw new IllegalArgumentException(field + " must be between 0 and " + MAX_BASIS_POINTS + ", was "
                    + basisPoints);
        }
        return (int) basisPoints;
    }

    static String requireName(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was '" + value + "'");
        }
        return value;
    }

    /**
     * Builds a {@link RouteState}. Each setter checks its argument at once and names the field and the bad value
     * in its exception. Not thread-safe.
     */
    public static final class Builder {
        private final String route;
        private Stage stage = Stage.LEGACY;
        private int percentageBasisPoints;
        private boolean enabled = true;
        private boolean fallbackToLegacy = true;
        private int shadowSampleBasisPoints = DEFAULT_SHADOW_SAMPLE_BASIS_POINTS;
        private DualWriteMode dualWriteMode = DualWriteMode.SYNC;
        private ReadPreference readPreference = ReadPreference.SERVING;
        private Set<String> forcedModernSegments = new LinkedHashSet<>();
        private Set<String> forcedLegacySegments = new LinkedHashSet<>();
        private Set<String> rolloutSegments = new LinkedHashSet<>();
        private String cohort;
        private int bucketingVersion = CURRENT_BUCKETING_VERSION;

        private Builder(String route) {
            this.route = route;
        }

        private Builder(RouteState s) {
            this.route = s.route;
            this.stage = s.stage;
            this.percentageBasisPoints = s.percentageBasisPoints;
            this.enabled = s.enabled;
            this.fallbackToLegacy = s.fallbackToLegacy;
            this.shadowSampleBasisPoints = s.shadowSampleBasisPoints;
            this.dualWriteMode = s.dualWriteMode;
            this.readPreference = s.readPreference;
            this.forcedModernSegments = new LinkedHashSet<>(s.forcedModernSegments);
            this.forcedLegacySegments = new LinkedHashSet<>(s.forcedLegacySegments);
            this.rolloutSegments = new LinkedHashSet<>(s.rolloutSegments);
            this.cohort = s.cohort;
            this.bucketingVersion = s.bucketingVersion;
        }

        /**
         * The route this builder is for.
         *
         * @return the route this builder is for
         */
        public String route() {
            return route;
        }

        /**
         * The stage set so far.
         *
         * @return the stage set so far
         */
        public Stage stage() {
            return stage;
        }

        /**
         * Sets the stage.
         *
         * @param stage the stage
         * @return this builder
         * @throws NullPointerException if {@code stage} is null
         */
        public Builder stage(Stage stage) {
            this.stage = Objects.requireNonNull(stage, "stage");
            return this;
        }

        /**
         * Sets the rollout percentage in percent, with 0.01 % granularity (rounded to the nearest basis point).
         *
         * @param percent a number in {@code [0, 100]}
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is outside {@code [0, 100]} or not a number
         */
        public Builder percentage(double percent) {
            this.percentageBasisPoints = basisPoints("percentage", percent);
            return this;
        }

        /**
         * Sets the rollout percentage in basis points ({@code 1000} = 10 %).
         *
         * @param basisPoints a number in {@code [0, 10000]}
         * @return this builder
         * @throws IllegalArgumentException if {@code basisPoints} is outside {@code [0, 10000]}
         */
        public Builder percentageBasisPoints(int basisPoints) {
            this.percentageBasisPoints = requireBasisPoints("percentageBasisPoints", basisPoints);
            return this;
        }

        /**
         * Sets the kill switch: {@code false} sends every call to legacy.
         *
         * @param enabled whether the route is enabled
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets whether failed reads (and reads that find modern's breaker open) are served by legacy.
         *
         * @param fallbackToLegacy whether to fall back
         * @return this builder
         */
        public Builder fallbackToLegacy(boolean fallbackToLegacy) {
            this.fallbackToLegacy = fallbackToLegacy;
            return this;
        }

        /**
         * Sets the share of reads that are shadowed, in percent.
         *
         * @param percent a number in {@code [0, 100]}, 0.01 % granularity
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is outside {@code [0, 100]} or not a number
         */
        public Builder shadowSample(double percent) {
            this.shadowSampleBasisPoints = basisPoints("shadowSample", percent);
            return this;
        }

        /**
         * Sets the share of reads that are shadowed, in basis points.
         *
         * @param basisPoints a number in {@code [0, 10000]}
         * @return this builder
         * @throws IllegalArgumentException if {@code basisPoints} is outside {@code [0, 10000]}
         */
        public Builder shadowSampleBasisPoints(int basisPoints) {
            this.shadowSampleBasisPoints = requireBasisPoints("shadowSampleBasisPoints", basisPoints);
            return this;
        }

        /**
         * Sets how second writes are made.
         *
         * @param dualWriteMode the mode
         * @return this builder
         * @throws NullPointerException if {@code dualWriteMode} is null
         */
        public Builder dualWriteMode(DualWriteMode dualWriteMode) {
            this.dualWriteMode = Objects.requireNonNull(dualWriteMode, "dualWriteMode");
            return this;
        }

        /**
         * Sets which side answers reads where both hold the same data.
         *
         * @param readPreference the preference
         * @return this builder
         * @throws NullPointerException if {@code readPreference} is null
         */
        public Builder readPreference(ReadPreference readPreference) {
            this.readPreference = Objects.requireNonNull(readPreference, "readPreference");
            return this;
        }

        /**
         * Replaces the segments always served by modern in {@link Stage#CANARY} and {@link Stage#MODERN}.
         *
         * @param segments segment names, none blank
         * @return this builder
         * @throws IllegalArgumentException if a name is null or blank
         */
        public Builder forceModern(String... segments) {
            return forceModern(Arrays.asList(segments));
        }

        /**
         * Replaces the segments always served by modern in {@link Stage#CANARY} and {@link Stage#MODERN}.
         *
         * @param segments segment names, none blank
         * @return this builder
         * @throws IllegalArgumentException if a name is null or blank
         */
        public Builder forceModern(Collection<String> segments) {
            this.forcedModernSegments = segments("forcedModernSegments", segments);
            return this;
        }

        /**
         * Replaces the segments always served by legacy (in every stage but {@link Stage#RETIRED}).
         *
         * @param segments segment names, none blank
         * @return this builder
         * @throws IllegalArgumentException if a name is null or blank
         */
        public Builder forceLegacy(String... segments) {
            return forceLegacy(Arrays.asList(segments));
        }

        /**
         * Replaces the segments always served by legacy (in every stage but {@link Stage#RETIRED}).
         *
         * @param segments segment names, none blank
         * @return this builder
         * @throws IllegalArgumentException if a name is null or blank
         */
        public Builder forceLegacy(Collection<String> segments) {
            this.forcedLegacySegments = segments("forcedLegacySegments", segments);
            return this;
        }

        /**
         * Limits the canary to keys in at least one of {@code segments}; empty removes the limit.
         *
         * @param segments segment names, none blank
         * @return this builder
         * @throws IllegalArgumentException if a name is null or blank
         */
        public Builder limitToSegments(String... segments) {
            return limitToSegments(Arrays.asList(segments));
        }

        /**
         * Limits the canary to keys in at least one of {@code segments}; empty removes the limit.
         *
         * @param segments segment names, none blank
         * @return this builder
         * @throws IllegalArgumentException if a name is null or blank
         */
        public Builder limitToSegments(Collection<String> segments) {
            this.rolloutSegments = segments("rolloutSegments", segments);
            return this;
        }

        /**
         * Sets the cohort that salts the bucketing; routes sharing a cohort move the same keys together.
         *
         * @param cohort the cohort, not blank
         * @return this builder
         * @throws IllegalArgumentException if {@code cohort} is blank
         * @throws NullPointerException if {@code cohort} is null
         */
        public Builder cohort(String cohort) {
            this.cohort = requireName("cohort", cohort);
            return this;
        }

        /**
         * Sets the bucketing algorithm version. Only {@link #CURRENT_BUCKETING_VERSION} is implemented; a router
         * refuses a state written with another one rather than silently reshuffling users.
         *
         * @param bucketingVersion the version, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code bucketingVersion} is below 1
         */
        public Builder bucketingVersion(int bucketingVersion) {
            if (bucketingVersion < 1) {
                throw new IllegalArgumentException("bucketingVersion must be at least 1, was " + bucketingVersion);
            }
            this.bucketingVersion = bucketingVersion;
            return this;
        }

        /**
         * Builds the state, with the {@link Revision#INITIAL initial revision}.
         *
         * @return the immutable state
         * @throws IllegalStateException if a segment is forced to both modern and legacy
         */
        public RouteState build() {
            for (String segment : forcedModernSegments) {
                if (forcedLegacySegments.contains(segment)) {
                    throw new IllegalStateException("segment '" + segment
                            + "' is in both forcedModernSegments and forcedLegacySegments of route '" + route + "'");
                }
            }
            return new RouteState(this, Revision.INITIAL);
        }

        private static Set<String> segments(String field, Collection<String> segments) {
            Objects.requireNonNull(segments, field);
            Set<String> result = new LinkedHashSet<>();
            for (String segment : segments) {
                if (segment == null || segment.isBlank()) {
                    throw new IllegalArgumentException(field + " must hold non-blank segment names, was " + segments);
                }
                result.add(segment);
            }
            return result;
        }
    }
}
