package io.strangler.api.health;

/** What a rollback does to the percentage of keys served by modern. */
public enum RollbackAction {
    /** Every key goes back to legacy now. */
    IMMEDIATE,
    /** The percentage ramps down to 0 over {@link TriggerSettings#gracefulRampDuration()}. */
    GRACEFUL,
    /** Nothing moves: the rollout is frozen and a person is alerted to decide. */
    MANUAL
}
