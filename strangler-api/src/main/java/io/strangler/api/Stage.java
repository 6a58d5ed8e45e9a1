package io.strangler.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The stage of a route: what reads and writes do. The percentage in {@link RouteState} says how many keys
 * {@link Side#MODERN} serves where the stage allows it (in {@link #CANARY} only).
 *
 * <table>
 *   <caption>What each stage does</caption>
 *   <tr><th>stage</th><th>reads served by</th><th>writes go to</th></tr>
 *   <tr><td>{@link #LEGACY}</td><td>legacy</td><td>legacy</td></tr>
 *   <tr><td>{@link #DUAL_WRITE}</td><td>legacy</td><td>legacy, then modern</td></tr>
 *   <tr><td>{@link #SHADOW}</td><td>legacy; a sample also runs on modern and is compared</td>
 *   <td>legacy, then modern</td></tr>
 *   <tr><td>{@link #CANARY}</td><td>modern for keys inside the percentage, legacy for the rest; a sample
 *   shadowed on the other side</td><td>the serving side, then the other</td></tr>
 *   <tr><td>{@link #MODERN}</td><td>modern, legacy kept warm as fallback; a sample shadowed on legacy</td>
 *   <td>modern, then legacy</td></tr>
 *   <tr><td>{@link #RETIRED}</td><td>modern only</td><td>modern only</td></tr>
 * </table>
 *
 * <p>The first side named for writes is authoritative: its outcome is the caller's, and the second write runs only
 * when it succeeded. A second write that fails or can't be made goes to the reconciliation log. Shadowed reads run
 * the other side off the caller's thread on a sample ({@code RouteState.shadowSampleBasisPoints}). A rollback goes
 * to {@link #DUAL_WRITE} when the route was dual-writing, so that modern misses no write, and to {@link #LEGACY}
 * otherwise.
 */
public enum Stage {
    /** Everything is served by the legacy side. The stage every rollback returns to. */
    LEGACY,
    /** Legacy serves; writes are repeated on modern so that modern's data catches up. */
    DUAL_WRITE,
    /** Legacy serves; a sample of reads also runs on modern, off the caller's thread, and is compared. */
    SHADOW,
    /** Modern serves the keys inside the rollout percentage; legacy serves the rest. */
    CANARY,
    /** Modern serves every key; legacy is kept warm as the fallback and for rollback. */
    MODERN,
    /** Modern serves every key and legacy is no longer written to: rollback is refused. */
    RETIRED;

    /**
     * Whether this stage lets the modern side serve any call.
     *
     * @return {@code true} for {@link #CANARY}, {@link #MODERN} and {@link #RETIRED}
     */
    public boolean servesModern() {
        return this == CANARY || this == MODERN || this == RETIRED;
    }

    /**
     * Parses a stage name, ignoring case and accepting {@code -} for {@code _} ({@code dual-write}).
     *
     * @param field the name of the field or property being parsed, used in the error message
     * @param value the text to parse; {@code null} (a property that is not set) is refused like a name that is no
     *     stage
     * @return the stage
     * @throws IllegalArgumentException if {@code value} is null or names no stage; the message names the field,
     *     the value and the accepted values
     */
    public static Stage parse(String field, @Nullable String value) {
        if (value != null) {
            String normalised = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
            for (Stage stage : values()) {
                if (stage.name().equals(normalised)) {
                    return stage;
                }
            }
        }
        throw new IllegalArgumentException(field + ": unknown stage '" + value + "', expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
