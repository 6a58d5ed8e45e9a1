/**
 * Writes on both sides: {@link io.strangler.api.dualwrite.DualWriteSettings} (stateless routes, lossy rollback,
 * verification of dual writes), {@link io.strangler.api.dualwrite.DualWriteMode} (how the second write is made) and
 * {@link io.strangler.api.dualwrite.VerificationReader}. Second writes that fail go to the
 * {@linkplain io.strangler.api.reconcile reconciliation log}.
 */
@NullMarked
package io.strangler.api.dualwrite;

import org.jspecify.annotations.NullMarked;
