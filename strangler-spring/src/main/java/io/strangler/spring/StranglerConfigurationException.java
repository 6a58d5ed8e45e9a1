package io.strangler.spring;

import org.jspecify.annotations.Nullable;

/**
 * A Strangler property, or a route's beans, that can't be used: start-up stops with it, and
 * {@link StranglerFailureAnalyzer} prints the property, the value and what to do.
 */
public class StranglerConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The property, or what is wrong when it is no single property. */
    private final String property;
    /** The property's value, as a string: it is for people, and must serialise. */
    private final @Nullable String value;
    /** What to do about it. */
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
        this.value = value == null ? null : String.valueOf(value);
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
     * @return the value as a string, or null
     */
    public @Nullable String value() {
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
