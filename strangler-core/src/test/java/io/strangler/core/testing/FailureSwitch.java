package io.strangler.core.testing;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a fake side of a route throws: the one fixture of "a side that fails", shared by every test's fake. A fake
 * calls {@link #check()} first in each of its methods; the test makes every call fail with {@link #set}, or the next
 * calls one by one with {@link #next}. A checked exception is thrown as itself, whatever the method declares, so
 * that a test can see it reach the caller unwrapped. Thread-safe.
 */
public final class FailureSwitch {

    private volatile Throwable always;
    private final Queue<Throwable> next = new ConcurrentLinkedQueue<>();

    /**
     * Makes every call throw {@code failure} from now on, before any queued by {@link #next}.
     *
     * @param failure what to throw, or null to stop failing
     */
    public void set(Throwable failure) {
        this.always = failure;
    }

    /**
     * What every call throws now, or null.
     *
     * @return what every call throws now, or null
     */
    public Throwable get() {
        return always;
    }

    /**
     * Makes the next calls throw {@code failures}, one each, in order; the calls after them succeed.
     *
     * @param failures what to throw
     */
    public void next(Throwable... failures) {
        for (Throwable failure : failures) {
            next.add(failure);
        }
    }

    /** Throws what this call must throw, if anything. */
    public void check() {
        Throwable failure = always;
        if (failure == null) {
            failure = next.poll();
        }
        if (failure != null) {
            throw sneaky(failure);
        }
    }

    /**
     * Throws {@code t} as it is, checked or not; the compiler is told it is unchecked.
     *
     * @param t what to throw
     * @param <E> inferred as a runtime exception
     * @return never: declared so that a caller can write {@code throw sneaky(t)}
     * @throws E always {@code t}
     */
    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
