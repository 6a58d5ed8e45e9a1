/**
 * A small JSON reader and writer for Strangler's own records (route states, rollout progress, rollback events,
 * checkpoints, reconciliation entries), so that the core needs no JSON library: {@link io.strangler.core.json.Json}
 * parses and writes, {@link io.strangler.core.json.JsonFields} reads a record's typed fields and names the field and
 * the bad value when one is wrong. Implementation.
 */
package io.strangler.core.json;
