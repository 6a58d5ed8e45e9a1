package io.strangler.spring;

import org.jspecify.annotations.Nullable;

/**
 * A Strangler property, or a route's beans, that can't be used: start-up stops with it, and
 * {@link StranglerFailureAnalyzer} prints the property, the value and what to do.
 */
public class StranglerConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final @Nullable Object value;
    private final String action;

    /**
     * A bad property or bean.
     *
     * @param property the property, e.g. {@code strangler.routes.vets.percentage}, or what is wrong when it is no
     *     single property (a route's beans)
     * @param value its value, or null
     * @param problem what is wrong with it
     * @param action what to do about it
     */
    public StranglerConfigurationException(String property, @Nullable Object value, String problem, String action) {
        super(property + (value == null ? "" : " = '" + value + "'") + ": " + problem);
        this.property = property;
        this.value = value;
        this.action = action;
    }

    /**
     * The property, or what is wrong when it is no single property.
     *
     * @return the property
     */
    public String property() {
        return property;
    }

    /**
     * The property's value.
     *
     * @return the value, or null
     */
    public @Nullable Object value() {
        return value;
    }

    /**
     * What to do about it.
     *
     * @return what to do about it
     */
    public String action() {
        return action;
    }
}
