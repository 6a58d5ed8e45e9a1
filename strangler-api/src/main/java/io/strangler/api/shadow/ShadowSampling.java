package io.strangler.api.shadow;

/** How a route picks the reads it shadows. */
public enum ShadowSampling {
    /**
     * Each read is drawn at random (the default): over time every key and every kind of request is compared, in
     * proportion to the traffic, and one hot key can't hide the rest.
     */
    PER_CALL,
    /**
     * A fixed set of keys is shadowed, chosen by a second bucketing salt ({@code cohort + ":shadow"}): every read of
     * those keys is compared, which makes a mismatch easy to reproduce and follows a user's whole journey.
     */
    PER_KEY
}
