package io.strangler.spring;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A route's proxy wrapped in a Micrometer {@link Observation} per call, when the application has an
 * {@link ObservationRegistry}: a span named {@value #NAME} around each routed call, with the route and the method as
 * low-cardinality key values, so that traces show where a request crossed a migration seam. The side that served is
 * in the route's metrics ({@code strangler.calls}), not here. For a method returning a {@code CompletionStage} the
 * observation covers the call that starts the work, not its completion.
 */
final class ObservedRoute implements InvocationHandler {

    /** The observation's name. */
    static final String NAME = "strangler.call";

    private final String route;
    private final Object target;
    private final ObservationRegistry registry;

    private ObservedRoute(String route, Object target, ObservationRegistry registry) {
        this.route = route;
        this.target = target;
        this.registry = registry;
    }

    static <T> T wrap(Class<T> type, String route, T target, ObservationRegistry registry) {
        if (registry.isNoop()) {
            return target;
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new ObservedRoute(route, target, registry)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "ObservedRoute[" + route + ": " + target + "]";
            };
        }
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName(route + " " + method.getName())
                .lowCardinalityKeyValue("strangler.route", route)
                .lowCardinalityKeyValue("strangler.method", method.getName());
        return observation.observeChecked(() -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
