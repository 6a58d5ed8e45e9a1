package io.strangler.core;

import io.strangler.api.RouteState;
import io.strangler.api.StranglerException;
import io.strangler.api.spi.RouteStateStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared fixtures of the bucketing, decision and route-state tests: a tiny routed interface whose two sides say
 * who served, and a state store that can be switched off.
 */
public final class RouteStateTestSupport {

    private RouteStateTestSupport() {
    }

    /** The routed interface: each side answers with its own name. */
    public interface Service {
        String serve(String input);
    }

    /** One side of a route that counts its calls. */
    public static final class FakeSide implements Service {
        private final String name;
        public final AtomicInteger calls = new AtomicInteger();

        public FakeSide(String name) {
            this.name = name;
        }

        @Override
        public String serve(String input) {
            calls.incrementAndGet();
            return name;
        }
    }

    /**
     * A store that delegates to another one and throws, like an unreachable database, while {@link #down} is set.
     * Counts what reached the delegate.
     */
    /** A store that passes every call to another; a test overrides what it changes. */
    public abstract static class ForwardingStore implements RouteStateStore {
        protected final RouteStateStore delegate;

        protected ForwardingStore(RouteStateStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<RouteState> load(String route) {
            return delegate.load(route);
        }

        @Override
        public RouteState createIfAbsent(RouteState initial) {
            return delegate.createIfAbsent(initial);
        }

        @Override
        public boolean compareAndSet(long expectedVersion, RouteState next) {
            return delegate.compareAndSet(expectedVersion, next);
        }
    }

    public static final class SwitchableStore implements RouteStateStore {
        private final RouteStateStore delegate;
        public volatile boolean down;
        public final AtomicInteger loads = new AtomicInteger();
        public final AtomicInteger writes = new AtomicInteger();

        public SwitchableStore(RouteStateStore delegate) {
            this.delegate = delegate;
        }

        private void check(String what) {
            if (down) {
                throw new StranglerException("store unreachable (test): " + what);
            }
        }

        @Override
        public Optional<RouteState> load(String route) {
            check("load " + route);
            loads.incrementAndGet();
            return delegate.load(route);
        }

        @Override
        public RouteState createIfAbsent(RouteState initial) {
            check("createIfAbsent " + initial.route());
            writes.incrementAndGet();
            return delegate.createIfAbsent(initial);
        }

        @Override
        public boolean compareAndSet(long expectedVersion, RouteState next) {
            check("compareAndSet " + next.route());
            writes.incrementAndGet();
            return delegate.compareAndSet(expectedVersion, next);
        }
    }
}
