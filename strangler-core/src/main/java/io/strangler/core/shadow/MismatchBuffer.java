package io.strangler.core.shadow;

import io.strangler.api.shadow.Mismatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The most recent mismatches of a route, oldest evicted first. Thread-safe. */
final class MismatchBuffer {

    private final int capacity;
    private final ArrayDeque<Mismatch> recent;

    MismatchBuffer(int capacity) {
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    synchronized void add(Mismatch mismatch) {
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(mismatch);
    }

    synchronized List<Mismatch> snapshot() {
        return new ArrayList<>(recent);
    }
}
