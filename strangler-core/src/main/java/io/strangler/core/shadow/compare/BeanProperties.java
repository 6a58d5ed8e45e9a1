package io.strangler.core.shadow.compare;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The readable properties of a class, found once per class and cached: a record's components in declaration order,
 * or a bean's public getters ({@code getX()}, and {@code isX()} returning {@code boolean} or {@code Boolean}) in
 * name order. A getter that cannot be made callable is left out.
 */
final class BeanProperties {

    /**
     * One readable property.
     *
     * @param name the property's name: the record component's, or the getter's without {@code get}/{@code is}
     * @param getter the method that reads it
     */
    record Property(String name, Method getter) {

        /**
         * The property's value.
         *
         * @param target the object to read from
         * @return the property's value
         * @throws IllegalStateException if the getter throws or cannot be called
         */
        Object read(Object target) {
            try {
                return getter.invoke(target);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("Getter " + describe() + " threw " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Getter " + describe() + " cannot be called", e);
            }
        }

        private String describe() {
            return getter.getDeclaringClass().getName() + "." + getter.getName() + "()";
        }
    }

    private static final ClassValue<List<Property>> PROPERTIES = new ClassValue<>() {
        @Override
        protected List<Property> computeValue(Class<?> type) {
            return type.isRecord() ? recordComponents(type) : getters(type);
        }
    };

    private BeanProperties() {
    }

    /**
     * The readable properties, possibly none.
     *
     * @param type a record or bean class
     * @return its readable properties, possibly none
     */
    static List<Property> of(Class<?> type) {
        return PROPERTIES.get(type);
    }

    /**
     * Whether every component's accessor can be called.
     *
     * @param type a record class
     * @return whether every component's accessor can be called
     */
    static boolean isReadableRecord(Class<?> type) {
        return of(type).size() == type.getRecordComponents().length;
    }

    private static List<Property> recordComponents(Class<?> type) {
        List<Property> properties = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Method accessor = component.getAccessor();
            if (callable(accessor)) {
                properties.add(new Property(component.getName(), accessor));
            }
        }
        return List.copyOf(properties);
    }

    private static List<Property> getters(Class<?> type) {
        Map<String, Method> byName = new TreeMap<>();
        for (Method method : type.getMethods()) {
            String name = propertyName(method);
            if (name != null && !byName.containsKey(name) && callable(method)) {
                byName.put(name, method);
            }
        }
        List<Property> properties = new ArrayList<>();
        byName.forEach((name, getter) -> properties.add(new Property(name, getter)));
        return List.copyOf(properties);
    }

    private static String propertyName(Method method) {
        if (Modifier.isStatic(method.getModifiers()) || method.isBridge() || method.isSynthetic()
                || method.getParameterCount() != 0 || method.getReturnType() == void.class
                || method.getDeclaringClass() == Object.class) {
            return null;
        }
        String name = method.getName();
        if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
            return decapitalize(name.substring(3));
        }
        Class<?> returns = method.getReturnType();
        if (name.length() > 2 && name.startsWith("is") && Character.isUpperCase(name.charAt(2))
                && (returns == boolean.class || returns == Boolean.class)) {
            return decapitalize(name.substring(2));
        }
        return null;
    }

    /** As {@code java.beans.Introspector.decapitalize}: {@code Name} to {@code name}, {@code URL} stays. */
    private static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static boolean callable(Method method) {
        if (method.trySetAccessible()) {
            return true;
        }
        Class<?> owner = method.getDeclaringClass();
        return Modifier.isPublic(owner.getModifiers()) && owner.getModule().isExported(owner.getPackageName());
    }
}
