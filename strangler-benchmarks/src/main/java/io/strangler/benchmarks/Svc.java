package io.strangler.benchmarks;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;

/** The routed interface: one trivial read, so that what is measured is the routing around it. */
public interface Svc {

    @Read
    int compute(@RoutingKey String user, int x);

    /** Legacy side, and the implementation the {@code direct} baseline calls. */
    final class Legacy implements Svc {
        @Override
        public int compute(String user, int x) {
            return x + 1;
        }
    }

    /** Modern side: a different result, so that setup can check which side served a call. */
    final class Modern implements Svc {
        @Override
        public int compute(String user, int x) {
            return x + 2;
        }
    }
}
