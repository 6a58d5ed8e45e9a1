package io.strangler.examples.demo;

import io.strangler.test.VirtualTime;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Puts one side of a service on virtual time: each call first "takes" a drawn {@link Latency} by moving the
 * {@link VirtualTime} on (the router times calls with that time's ticker), then may fail as a flaky dependency
 * would, then runs the real implementation. The business logic in {@code io.strangler.examples.cv} stays free of
 * the simulation. Every draw comes from the side's own seeded generator; the demo makes all calls from one thread,
 * so a run draws the same every time.
 */
final class SimulatedService implements InvocationHandler {

    private final Object target;
    private final String side;
    private final VirtualTime time;
    private final Latency latency;
    private final RandomGenerator random;
    private final @Nullable TransientFailures failures;
    /** Touched by the demo's one thread only. */
    private final Map<Method, Method> accessible = new HashMap<>();

    /**
     * Calls of some methods that fail now and then, as a dependency under load does.
     *
     * @param methods the names of the methods that may fail
     * @param rate the share of their calls that fail, in {@code [0, 1]}
     * @param message what the failure says
     */
    record TransientFailures(Set<String> methods, double rate, String message) {
    }

    private SimulatedService(Object target, String side, VirtualTime time, Latency latency, RandomGenerator random,
            @Nullable TransientFailures failures) {
        this.target = target;
        this.side = side;
        this.time = time;
        this.latency = latency;
        this.random = random;
        this.failures = failures;
    }

    /**
     * Wraps one side of a service.
     *
     * @param type the service's interface
     * @param target the implementation
     * @param side what the side is, in messages: {@code "cache-manager/modern@a"}
     * @param time the time calls take
     * @param latency how long calls take
     * @param random the side's seeded draws
     * @param failures calls that fail now and then, or null for none
     * @param <T> the interface
     * @return the wrapped side
     */
    static <T> T wrap(Class<T> type, T target, String side, VirtualTime time, Latency latency, RandomGenerator random,
            @Nullable TransientFailures failures) {
        Objects.requireNonNull(target, "target");
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new SimulatedService(target, side, time, latency, random, failures)));
    }

    /**
     * The method, with Java's access check turned off once: the interfaces are public, and the check on every call
     * would cost more than the simulated service does.
     */
    private Method accessible(Method method) {
        Method m = accessible.get(method);
        if (m == null) {
            m = method;
            m.setAccessible(true);
            accessible.put(method, m);
        }
        return m;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "simulated " + side;
            };
        }
        time.advanceNanos(latency.drawNanos(random));
        if (failures != null && failures.methods().contains(method.getName())
                && random.nextDouble() < failures.rate()) {
            throw new IllegalStateException(side + ": " + failures.message());
        }
        try {
            return accessible(method).invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
