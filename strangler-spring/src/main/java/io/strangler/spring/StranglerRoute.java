package io.strangler.spring;

import io.strangler.api.Side;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean as one side of a named route: the legacy or the modern implementation of an interface. Put it on the
 * bean's class or on its {@code @Bean} method. With both sides of a route marked, every injection point of the
 * interface gets the route's proxy (a primary bean), by type or by name, with no change to the callers; each side
 * stays injectable by its own bean name or qualifier.
 *
 * <pre>{@code
 * @Service
 * @StranglerRoute(value = "cv-analyzer", side = Side.LEGACY)
 * class MonolithCvAnalyzer implements CvAnalyzer { ... }
 *
 * @Service
 * @StranglerRoute(value = "cv-analyzer", side = Side.MODERN)
 * class ModularCvAnalyzer implements CvAnalyzer { ... }
 *
 * @RestController
 * class CvController {
 *     CvController(CvAnalyzer analyzer) { ... }      // the route's proxy
 * }
 * }</pre>
 *
 * <p>Beans you cannot annotate (a Spring Data repository, a client made by a library) are named in properties
 * instead: {@code strangler.routes.vets.legacy-bean=vetRepository}, {@code .modern-bean=jdbcVetRepository}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StranglerRoute {

    /**
     * The route's name: lower-case letters, digits and hyphens, as in {@code strangler.routes.<name>}.
     *
     * @return the route's name
     */
    String value();

    /**
     * Which side of the route this bean is.
     *
     * @return which side of the route this bean is
     */
    Side side();

    /**
     * The interface the route routes, when the bean implements more than one; by default the one interface both
     * sides implement.
     *
     * @return the interface, or {@code void.class} to find it
     */
    Class<?> type() default void.class;
}
