package io.strangler.benchmarks;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import java.util.concurrent.CountDownLatch;

/**
 * The interface of the shadow benchmarks: one read returning a small object, so that shadowing has two answers to
 * compare. Both sides return equal values (matches), as distinct instances: the comparator walks the record
 * instead of stopping at "same object". The values are made once, so that the serving call itself allocates
 * nothing and whatever a benchmark allocates is the shadowing's (or the experiment's).
 */
public interface Catalog {

    @Read
    Item find(@RoutingKey String user, int id);

    /** A small result: an int and a String. */
    record Item(int id, String name) {
    }

    /** The name of item {@code id}. */
    static String name(int id) {
        return "item-" + id;
    }

    /** Legacy side: returns its prebuilt item for the benchmarks' id. */
    final class Legacy implements Catalog {
        private final Item item;

        public Legacy(int id) {
            this.item = new Item(id, name(id));
        }

        @Override
        public Item find(String user, int id) {
            return id == item.id() ? item : new Item(id, name(id));
        }
    }

    /** Modern side: an equal item, another instance (its String too). */
    final class Modern implements Catalog {
        private final Item item;

        public Modern(int id) {
            this.item = new Item(id, new String(name(id).toCharArray()));
        }

        @Override
        public Item find(String user, int id) {
            return id == item.id() ? item : new Item(id, name(id));
        }
    }

    /**
     * Modern side that never answers until {@code release} is counted down: it ignores interrupts (the shadow
     * watchdog interrupts a call past its deadline), so that a shadow thread that called it stays taken.
     */
    final class Blocking implements Catalog {
        private final CountDownLatch release;
        private final Item item;

        public Blocking(int id, CountDownLatch release) {
            this.release = release;
            this.item = new Item(id, new String(name(id).toCharArray()));
        }

        @Override
        public Item find(String user, int id) {
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return item;
        }
    }
}
