package io.strangler.api.spi;

import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Copies the arguments of a proxied read before the shadow side sees them, for implementations that mutate their
 * arguments: the serving side and the shadow side must each get arguments nobody else changes. Calls made with a
 * lambda capture their own arguments; copy them in the lambda instead.
 */
@FunctionalInterface
public interface ArgumentCopier {

    /**
     * Copies {@code arguments}.
     *
     * @param method the proxied method
     * @param arguments the arguments the serving side got; an element is {@code null} for a {@code null} argument
     * @return the arguments for the shadow side, as many as {@code arguments}
     */
    @Nullable Object[] copy(Method method, @Nullable Object[] arguments);
}
