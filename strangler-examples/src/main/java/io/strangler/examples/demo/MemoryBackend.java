package io.strangler.examples.demo;

import io.strangler.core.RouterBuilder;
import io.strangler.core.Strangler;
import io.strangler.core.rollout.RolloutController;

/**
 * One instance on Strangler's defaults: route states in a new in-memory FF4J store, the controller's journal beside
 * them in FF4J, the reconciliation log in memory.
 */
final class MemoryBackend implements StoreBackend {

    @Override
    public RouterBuilder router(String instance) {
        return Strangler.router();
    }

    @Override
    public RolloutController.Builder controller(RolloutController.Builder builder, String instance) {
        return builder;
    }

    @Override
    public String describe() {
        return "FF4J in memory";
    }

    @Override
    public void close() {
        // nothing outlives the instances
    }
}
