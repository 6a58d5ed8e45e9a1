package io.strangler.spring;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;

/** The interface the tests route. */
public interface Greeter {

    @Read
    String greet(@RoutingKey String user);

    /** A write: unannotated. */
    String rename(@RoutingKey String user, String name);

    /** Overloads and default methods are routed too. */
    @Read
    default String greet(@RoutingKey String user, String greeting) {
        return greeting + ", " + greet(user);
    }

    /** A greeter that says which side it is. */
    class Named implements Greeter {
        private final String side;

        public Named(String side) {
            this.side = side;
        }

        @Override
        public String greet(String user) {
            return side + " greets " + user;
        }

        @Override
        public String rename(String user, String name) {
            return side + " renamed " + user;
        }
    }
}
