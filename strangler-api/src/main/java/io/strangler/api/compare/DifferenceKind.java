package io.strangler.api.compare;

/** What a {@link Difference} found at its path. */
public enum DifferenceKind {

    /** Present in legacy, absent in modern: a map key, the tail of a longer list, an element of a set. */
    MISSING,

    /** Present in modern, absent in legacy: a map key, the tail of a longer list, an element of a set. */
    EXTRA,

    /** The two sides hold values of different types at the path; nothing inside them is compared. */
    TYPE,

    /** The two sides hold different values of the same type at the path, or one of them is {@code null}. */
    VALUE,

    /** An ordered collection or array holds the same elements on both sides, in a different order. */
    ORDER
}
