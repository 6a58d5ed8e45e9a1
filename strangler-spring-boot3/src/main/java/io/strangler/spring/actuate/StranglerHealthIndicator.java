package io.strangler.spring.actuate;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code strangler} health contributor on Spring Boot 3.5, whose health types are in {@code spring-boot-actuator};
 * {@code strangler-spring} (Boot 4) has a class of the same name for the other line. It reports what {@link
 * RouteHealth} decides:
 * <ul>
 * <li>{@code UP} while every call has a side that serves it, however many rollbacks there were and whichever breakers
 *     are open: a rollback is the library doing its job, and legacy serving is the application working, so they are
 *     details, not a reason for a load balancer or a probe to take the instance out;</li>
 * <li>{@value RouteHealth#DEGRADED} when a route has calls no side serves, with a description naming the route and
 *     why. It is a custom status, which Spring Boot's default aggregation leaves out of the overall status: see
 *     {@link RouteHealth} for how to make it count.</li>
 * </ul>
 */
public class StranglerHealthIndicator extends AbstractHealthIndicator {

    private final RouteHealth routeHealth;

    /**
     * An indicator reporting {@code routeHealth}'s checks.
     *
     * @param routeHealth what computes the status and the details
     */
    public StranglerHealthIndicator(RouteHealth routeHealth) {
        super("Strangler health check failed");
        this.routeHealth = routeHealth;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        RouteHealth.Report report = routeHealth.check();
        String description = report.description();
        Status status = !report.degraded() ? Status.UP
                : description == null ? new Status(report.status()) : new Status(report.status(), description);
        builder.status(status).withDetails(report.details());
    }
}
