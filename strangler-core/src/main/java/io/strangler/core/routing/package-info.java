/**
 * The router and its routes: the routing decision on an immutable snapshot of the state, the call path of reads and writes (synchronous and asynchronous alike), the typed proxy and the listeners. Implementation; applications use the interfaces of {@code io.strangler.api}.
 */
package io.strangler.core.routing;
