/**
 * Strangler's implementation: the route, its decision and call path, recorders, the proxy and the background
 * refresh. Not an API: anything here may change in any release.
 */
package io.strangler.core.internal;
