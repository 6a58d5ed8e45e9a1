package io.strangler.api;

import io.strangler.api.shadow.ReadPreference;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a call through a route does: its {@link OperationKind}, whether it is idempotent, and a name for logs and
 * events. Immutable; create the ones you need once and keep them in constants, so that routing allocates nothing.
 *
 * <pre>{@code
 * static final Operation SAVE_PROFILE = Operation.write("saveProfile").idempotent();
 * route.execute(SAVE_PROFILE, userId, repo -> repo.save(profile));
 * }</pre>
 */
public final class Operation {

    /** An anonymous read. */
    public static final Operation READ = new Operation("read", OperationKind.READ, false, true, null);
    /** An anonymous, non-idempotent write. */
    public static final Operation WRITE = new Operation("write", OperationKind.WRITE, false, false, null);
    /** An anonymous idempotent write. */
    public static final Operation IDEMPOTENT_WRITE = new Operation("write", OperationKind.WRITE, true, false, null);

    private final String name;
    private final OperationKind kind;
    private final boolean idempotent;
    private final boolean shadowed;
    private final @Nullable ReadPreference preference;

    private Operation(String name, OperationKind kind, boolean idempotent, boolean shadowed,
            @Nullable ReadPreference preference) {
        this.name = name;
        this.kind = kind;
        this.idempotent = idempotent;
        this.shadowed = shadowed;
        this.preference = preference;
    }

    /**
     * A read named {@code name}. Reads are idempotent by definition.
     *
     * @param name the name used in logs and events
     * @return the operation
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Operation read(String name) {
        return new Operation(checkName(name), OperationKind.READ, true, true, null);
    }

    /**
     * A non-idempotent write named {@code name}.
     *
     * @param name the name used in logs and events
     * @return the operation
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Operation write(String name) {
        return new Operation(checkName(name), OperationKind.WRITE, false, false, null);
    }

    /**
     * This operation, marked idempotent: safe to run twice, so it may be retried and may fall back to legacy
     * after a failure on modern when the route allows it.
     *
     * @return an idempotent copy of this operation
     */
    public Operation idempotent() {
        return idempotent ? this : new Operation(name, kind, true, shadowed, preference);
    }

    /**
     * This read, shadowed or not. Reads are shadowed by default (at the route's sample rate); turn it off for
     * reads too expensive to run twice.
     *
     * @param shadowed whether the read may be shadowed
     * @return a copy of this operation
     * @throws IllegalArgumentException if {@code shadowed} is true and this is a write: writes are never shadowed
     */
    public Operation shadowed(boolean shadowed) {
        if (shadowed && kind == OperationKind.WRITE) {
            throw new IllegalArgumentException("operation '" + name + "' is a write; writes are never shadowed "
                    + "(shadowed=true)");
        }
        return new Operation(name, kind, idempotent, shadowed, preference);
    }

    /**
     * This read with its own read preference, overriding the route's.
     *
     * @param preference the preference
     * @return a copy of this operation
     * @throws IllegalArgumentException if this is a write and {@code preference} is not {@code SERVING}: which
     *     side a write goes to is the stage's decision, and FASTEST would run it twice
     * @throws NullPointerException if {@code preference} is null
     */
    public Operation preferring(ReadPreference preference) {
        Objects.requireNonNull(preference, "preference");
        if (kind == OperationKind.WRITE && preference != ReadPreference.SERVING) {
            throw new IllegalArgumentException("operation '" + name + "' is a write; a read preference of "
                    + preference + " applies to reads only");
        }
        return new Operation(name, kind, idempotent, shadowed, preference);
    }

    /**
     * Whether this read may be shadowed, at the route's sample rate.
     *
     * @return whether this read may be shadowed; always false for writes
     */
    public boolean isShadowed() {
        return shadowed;
    }

    /**
     * The read preference this operation overrides the route's with, if any.
     *
     * @return this operation's own read preference, or {@code null} to use the route's
     */
    public @Nullable ReadPreference preference() {
        return preference;
    }

    /**
     * The name used in logs and events.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether the operation reads or writes.
     *
     * @return the kind
     */
    public OperationKind kind() {
        return kind;
    }

    /**
     * Whether the operation is safe to run more than once.
     *
     * @return {@code true} for reads and for writes marked idempotent
     */
    public boolean isIdempotent() {
        return idempotent || kind == OperationKind.READ;
    }

    /**
     * Whether this is a read.
     *
     * @return {@code true} if {@link #kind()} is {@link OperationKind#READ}
     */
    public boolean isRead() {
        return kind == OperationKind.READ;
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "operation name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("operation name must not be blank, was '" + name + "'");
        }
        return name;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Operation)) {
            return false;
        }
        Operation other = (Operation) o;
        return name.equals(other.name) && kind == other.kind && idempotent == other.idempotent
                && shadowed == other.shadowed && preference == other.preference;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, idempotent, shadowed, preference);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (idempotent && kind == OperationKind.WRITE ? "(idempotent)" : "")
                + " " + name;
    }
}
