package io.strangler.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The skills service: a Spring Boot application whose skill store is being migrated with Strangler. Nothing here
 * is Strangler's but the two stores' {@code @StranglerRoute} and the route's properties; the adapter's
 * auto-configuration builds the router, the route, its proxy, the rollout controller and the operator console, whose
 * operators {@link OperatorSecurity} lets in.
 */
@SpringBootApplication
public class SkillsApplication {

    /** Made by Spring. */
    public SkillsApplication() {
    }

    /**
     * Runs the service.
     *
     * @param args Spring Boot's command-line arguments ({@code --server.port=8081}, ...)
     */
    public static void main(String[] args) {
        SpringApplication.run(SkillsApplication.class, args);
    }
}
