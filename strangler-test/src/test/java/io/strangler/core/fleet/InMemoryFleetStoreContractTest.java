package io.strangler.core.fleet;

import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.test.contract.FleetStoreContract;
import org.ff4j.FF4j;

/**
 * The fleet contract on {@link InMemoryFleetStore}, with the instances' route states in one FF4J instance (one JVM,
 * where its store serialises writes): the reference the PostgreSQL and Redis fleet stores are held to.
 */
class InMemoryFleetStoreContractTest extends FleetStoreContract {

    private final FF4j ff4j = new FF4j();
    private final InMemoryFleetStore fleet = new InMemoryFleetStore();

    @Override
    protected RouteStateStore newStore() {
        return new Ff4jRouteStateStore(ff4j);
    }

    @Override
    protected boolean pushes() {
        return false;
    }

    @Override
    protected FleetStore newFleetStore() {
        return fleet;
    }
}
