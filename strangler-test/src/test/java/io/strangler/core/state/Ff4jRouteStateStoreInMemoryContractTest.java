package io.strangler.core.state;

import io.strangler.api.spi.RouteStateStore;
import io.strangler.test.contract.RouteStateStoreContract;
import org.ff4j.FF4j;
import org.ff4j.store.InMemoryFeatureStore;

/** The route-state store contract on {@link Ff4jRouteStateStore} over FF4J's in-memory store, the embedded default. */
class Ff4jRouteStateStoreInMemoryContractTest extends RouteStateStoreContract {

    @Override
    protected RouteStateStore newStore() {
        FF4j ff4j = new FF4j();
        ff4j.setFeatureStore(new InMemoryFeatureStore());
        return new Ff4jRouteStateStore(ff4j);
    }
}
