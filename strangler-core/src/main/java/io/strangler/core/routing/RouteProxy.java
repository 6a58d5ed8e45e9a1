package io.strangler.core.routing;

import io.strangler.api.Operation;
import io.strangler.api.RouteDefinition;
import io.strangler.api.annotation.Idempotent;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.annotation.Write;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed proxy of a route: a JDK dynamic proxy of the route's interface whose every method is routed. Each
 * method is classified once, when the proxy is made, from {@link Read}, {@link Write}, {@link Idempotent} and
 * {@link RoutingKey}; a bad declaration fails then, naming the method.
 */
final class RouteProxy<T> implements InvocationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RouteProxy.class);
    /**
     * The arguments of a method without parameters, for which the JDK passes null: the route tells a proxied call
     * with no arguments from a call made with a lambda, whose arguments it can't see, by this.
     */
    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final DefaultRoute<T> route;
    private final Map<Method, MethodPlan> plans;

    private RouteProxy(DefaultRoute<T> route, Map<Method, MethodPlan> plans) {
        this.route = route;
        this.plans = plans;
    }

    static <T> T create(DefaultRoute<T> route, boolean requireKey) {
        Class<T> type = route.type();
        if (!type.isInterface()) {
            throw new IllegalStateException("route '" + route.name() + "': proxy() needs an interface, but "
                    + type.getName() + " is a class; use read(...) and write(...) instead");
        }
        Map<Method, MethodPlan> plans = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            plans.put(method, MethodPlan.of(route.name(), method, requireKey, route.definition()));
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new RouteProxy<>(route, plans));
        return type.cast(proxy);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        MethodPlan plan = plans.get(method);
        if (plan == null) {
            return objectMethod(proxy, method, args);
        }
        Object[] arguments = args == null ? NO_ARGUMENTS : args;
        String key = plan.key(route.name(), arguments);
        Method target = plan.method;
        if (plan.async) {
            return route.invokeAsync(plan.operation, key, target, arguments,
                    impl -> callAsync(impl, target, arguments));
        }
        return route.invoke(plan.operation, key, target, arguments, impl -> call(impl, target, arguments));
    }

    /** Calls {@code method} on {@code implementation}, unwrapping what the implementation threw. */
    static Object invokeOn(Object implementation, Method method, Object[] args) throws Throwable {
        return call(implementation, method, args);
    }

    private static Object call(Object implementation, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(implementation, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** As {@link #call}, for a method returning a stage: a synchronous throw becomes a failed stage later on. */
    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> callAsync(Object implementation, Method method, Object[] args) {
        try {
            return (CompletionStage<Object>) method.invoke(implementation, args);
        } catch (InvocationTargetException e) {
            throw Failures.<RuntimeException>sneakyThrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("route proxy can't call " + method, e);
        }
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "RouteProxy[" + route.name() + ": " + route.type().getName() + "]";
            default:
                throw new IllegalStateException("route '" + route.name() + "': unexpected method " + method);
        }
    }

    /** How one method is routed. */
    private static final class MethodPlan {
        /** The interface method, made accessible: interfaces that are not public are routed too. */
        final Method method;
        final Operation operation;
        final boolean async;
        final int keyIndex;
        final Method keyAccessor;

        private MethodPlan(Method method, Operation operation, boolean async, int keyIndex, Method keyAccessor) {
            this.method = accessible(method);
            this.operation = operation;
            this.async = async;
            this.keyIndex = keyIndex;
            this.keyAccessor = keyAccessor;
        }

        static MethodPlan of(String route, Method method, boolean requireKey, RouteDefinition<?> definition) {
            String name = method.getName();
            boolean declared = definition.reads().contains(name) || definition.writes().contains(name)
                    || definition.idempotentWrites().contains(name);
            boolean read = declared ? definition.reads().contains(name) : method.isAnnotationPresent(Read.class);
            if (!declared && read && method.isAnnotationPresent(Write.class)) {
                throw new IllegalArgumentException("route '" + route + "': method " + describe(method)
                        + " is annotated both @Read and @Write");
            }
            Operation operation = read ? Operation.read(name) : Operation.write(name);
            boolean idempotent = declared ? definition.idempotentWrites().contains(name)
                    : method.isAnnotationPresent(Idempotent.class);
            if (!read && idempotent) {
                operation = operation.idempotent();
            }
            Class<?> returnType = method.getReturnType();
            boolean async = returnType == CompletionStage.class || returnType == CompletableFuture.class;

            List<Integer> keyParams = new ArrayList<>();
            Parameter[] parameters = method.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].isAnnotationPresent(RoutingKey.class)) {
                    keyParams.add(i);
                }
            }
            if (keyParams.size() > 1) {
                throw new IllegalArgumentException("route '" + route + "': method " + describe(method)
                        + " has " + keyParams.size() + " @RoutingKey parameters (positions " + keyParams
                        + "); the routing key is ambiguous, mark exactly one");
            }
            if (keyParams.isEmpty()) {
                if (requireKey) {
                    throw new IllegalArgumentException("route '" + route + "': method " + describe(method)
                            + " has no @RoutingKey parameter, and the route requires one on every method");
                }
                return new MethodPlan(method, operation, async, -1, null);
            }
            int index = keyParams.get(0);
            String property = parameters[index].getAnnotation(RoutingKey.class).value();
            Method accessor = property.isEmpty() ? null
                    : accessor(route, method, parameters[index], property);
            return new MethodPlan(method, operation, async, index, accessor);
        }

        private static Method accessor(String route, Method method, Parameter parameter, String property) {
            Class<?> type = parameter.getType();
            List<String> candidates = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(property)) {
                        return accessible(component.getAccessor());
                    }
                }
            }
            String capitalised = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            for (String name : new String[] {property, "get" + capitalised, "is" + capitalised}) {
                candidates.add(name + "()");
                try {
                    Method m = type.getMethod(name);
                    if (m.getReturnType() != void.class) {
                        return accessible(m);
                    }
                } catch (NoSuchMethodException e) {
                    // try the next spelling
                }
            }
            throw new IllegalArgumentException("route '" + route + "': method " + describe(method)
                    + ": @RoutingKey(\"" + property + "\") names a property that " + type.getName()
                    + " does not have (looked for public " + String.join(", ", candidates) + ")");
        }

        private static Method accessible(Method original) {
            // A copy, so that the Method objects the proxy is called with stay as the JDK made them.
            Method m;
            try {
                m = original.getDeclaringClass().getMethod(original.getName(), original.getParameterTypes());
            } catch (NoSuchMethodException e) {
                m = original;
            }
            try {
                m.setAccessible(true);
            } catch (RuntimeException e) {
                // a public accessor of a public type is callable without it
            }
            return m;
        }

        /** The key from the arguments, or null: a failing accessor makes the call keyless, never fails it. */
        String key(String route, Object[] args) {
            if (keyIndex < 0) {
                return null;
            }
            Object value = args[keyIndex];
            try {
                if (value != null && keyAccessor != null) {
                    value = keyAccessor.invoke(value);
                }
                return value == null ? null : value.toString();
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("route '{}': reading the routing key of {} failed; the call is treated as keyless", route,
                        operation, e);
                return null;
            }
        }

        private static String describe(Method method) {
            StringBuilder b = new StringBuilder(method.getDeclaringClass().getSimpleName()).append('.')
                    .append(method.getName()).append('(');
            Class<?>[] types = method.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                b.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
            }
            return b.append(')').toString();
        }
    }
}
