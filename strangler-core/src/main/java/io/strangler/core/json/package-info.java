/**
 * A small JSON reader and writer for Strangler's own records (route states, rollout progress, checkpoints, reconciliation entries), so that the core needs no JSON library. Implementation.
 */
package io.strangler.core.json;
