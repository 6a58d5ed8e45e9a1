/**
 * The router and its routes. A route ({@code DefaultRoute}) is a facade: it reads an immutable snapshot of its
 * state, finds the call's key and side, and hands the call to the synchronous or the asynchronous executor, which
 * carry out the same decisions: a call's outcome and fallback ({@code CallPolicy}) and what follows a call
 * involving both sides ({@code DualPlans}: a shadow, a second write). Also the typed proxy, {@code FASTEST} reads
 * and the guarded listeners. Implementation; applications use the interfaces of {@code io.strangler.api}.
 */
package io.strangler.core.routing;
