package io.strangler.api;

/**
 * Whether a call has side effects. A read may be retried, shadowed and fall back to legacy; a write is never
 * shadowed and is retried or falls back after a failure only when it is marked idempotent. A method with no
 * declaration is a {@link #WRITE}: the safe default.
 */
public enum OperationKind {
    /** No side effects. */
    READ,
    /** Side effects. */
    WRITE
}
