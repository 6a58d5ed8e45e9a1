/**
 * The routing key of web requests for Strangler's routes: a servlet filter and a WebFlux filter that take it from a
 * request header or the authenticated principal ({@code strangler.web.*}), {@link io.strangler.spring.web.ReactiveRouting}
 * to attach it around a route call in a reactive chain, and a task decorator that carries it to {@code @Async} work.
 */
package io.strangler.spring.web;
