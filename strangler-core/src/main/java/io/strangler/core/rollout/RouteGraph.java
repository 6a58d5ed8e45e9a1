package io.strangler.core.rollout;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.graph.GraphBuilder;
import com.google.common.graph.Graphs;
import com.google.common.graph.ImmutableGraph;
import com.google.common.graph.MutableGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The routes of a migration, which depend on which, and which migration phase each belongs to. A route that
 * depends on another (an orchestrator that calls an analyzer) must not serve modern traffic before its dependencies
 * are at 100 %, and must roll back before them: {@link #rollbackOrder(String)} lists a route and everything that
 * depends on it, dependents first. Built on Guava's {@code com.google.common.graph}. Immutable and thread-safe.
 *
 * <p>Every route must be a key of the map given to {@link #of(Map, Map)}, with its direct dependencies (possibly
 * none) as the value. Where several routes could come next in an order, they come in alphabetical order, so every
 * order is the same from run to run whatever map was passed in.
 *
 * <pre>{@code
 * RouteGraph graph = RouteGraph.of(
 *         Map.of("checkout", Set.of("pricing", "stock"), "pricing", Set.of(), "stock", Set.of()),
 *         Map.of("checkout", "phase-2", "pricing", "phase-1", "stock", "phase-1"));
 * graph.rollbackOrder("pricing");    // [checkout, pricing]
 * graph.routesInPhase("phase-1");    // [pricing, stock]
 * }</pre>
 */
public final class RouteGraph {

    /** Edges from a route to each route it depends on. */
    private final ImmutableGraph<String> dependsOn;
    private final ImmutableMap<String, String> phases;

    private RouteGraph(ImmutableGraph<String> dependsOn, ImmutableMap<String, String> phases) {
        this.dependsOn = dependsOn;
        this.phases = phases;
    }

    /**
     * A graph with no phases.
     *
     * @param dependsOn every route, mapped to the routes it depends on directly
     * @return the graph
     * @throws NullPointerException if the map, a route or a dependency is null
     * @throws IllegalArgumentException if a route depends on a route that is no key of the map, or the dependencies
     *         form a cycle (the message names it, e.g. {@code a -> b -> a})
     */
    public static RouteGraph of(Map<String, ? extends Collection<String>> dependsOn) {
        return of(dependsOn, Map.of());
    }

    /**
     * A graph with phases.
     *
     * @param dependsOn every route, mapped to the routes it depends on directly
     * @param phases routes mapped to the name of their migration phase; a route missing here is in no phase
     * @return the graph
     * @throws NullPointerException if a map, a route, a dependency or a phase is null
     * @throws IllegalArgumentException if a route depends on a route that is no key of {@code dependsOn}, the
     *         dependencies form a cycle (the message names it, e.g. {@code a -> b -> a}), or {@code phases} names a
     *         route that is no key of {@code dependsOn}
     */
    public static RouteGraph of(Map<String, ? extends Collection<String>> dependsOn, Map<String, String> phases) {
        Objects.requireNonNull(dependsOn, "dependsOn");
        Objects.requireNonNull(phases, "phases");
        MutableGraph<String> graph = GraphBuilder.directed().allowsSelfLoops(true).build();
        for (String route : ImmutableSortedSet.copyOf(dependsOn.keySet())) {
            graph.addNode(route);
        }
        dependsOn.forEach((route, dependencies) -> {
            Objects.requireNonNull(dependencies, () -> "dependencies of route '" + route + "'");
            for (String dependency : dependencies) {
                Objects.requireNonNull(dependency, () -> "a dependency of route '" + route + "'");
                if (!dependsOn.containsKey(dependency)) {
                    throw new IllegalArgumentException(
                            "route '" + route + "' depends on unknown route '" + dependency + "'");
                }
                graph.putEdge(route, dependency);
            }
        });
        failOnCycle(graph);
        phases.forEach((route, phase) -> {
            Objects.requireNonNull(phase, () -> "phase of route '" + route + "'");
            if (!dependsOn.containsKey(route)) {
                throw new IllegalArgumentException("phase '" + phase + "' names unknown route '" + route + "'");
            }
        });
        return new RouteGraph(ImmutableGraph.copyOf(graph), ImmutableMap.copyOf(phases));
    }

    /**
     * Every route, in alphabetical order.
     *
     * @return every route, in alphabetical order
     */
    public Set<String> routes() {
        return ImmutableSortedSet.copyOf(dependsOn.nodes());
    }

    /**
     * The routes a route depends on directly.
     *
     * @param route a route of the graph
     * @return the routes it depends on directly, in alphabetical order
     * @throws IllegalArgumentException if {@code route} is not in the graph
     */
    public Set<String> dependencies(String route) {
        return ImmutableSortedSet.copyOf(dependsOn.successors(known(route)));
    }

    /**
     * The routes that depend on a route directly.
     *
     * @param route a route of the graph
     * @return the routes that depend on it directly, in alphabetical order
     * @throws IllegalArgumentException if {@code route} is not in the graph
     */
    public Set<String> dependents(String route) {
        return ImmutableSortedSet.copyOf(dependsOn.predecessors(known(route)));
    }

    /**
     * The routes to roll back when {@code route} rolls back: the route and every route that depends on it, directly
     * or not; each route comes before every route it depends on, so nothing still on modern ever calls a dependency
     * already back on legacy.
     *
     * @param route a route of the graph
     * @return the routes, dependents first and {@code route} last
     * @throws IllegalArgumentException if {@code route} is not in the graph
     */
    public List<String> rollbackOrder(String route) {
        return rollbackOrder(List.of(route));
    }

    /**
     * The routes to roll back when all of {@code routes} roll back (a phase, or every route): those routes and every
     * route that depends on one of them, each before every route it depends on.
     *
     * @param routes routes of the graph
     * @return the routes, dependents first
     * @throws NullPointerException if {@code routes} or one of them is null
     * @throws IllegalArgumentException if a route is not in the graph
     */
    public List<String> rollbackOrder(Collection<String> routes) {
        Objects.requireNonNull(routes, "routes");
        Set<String> affected = new HashSet<>();
        for (String route : routes) {
            affected.addAll(Graphs.reachableNodes(Graphs.transpose(dependsOn), known(route)));
        }
        // Kahn's algorithm over the affected routes: a route is ready once every affected dependent is listed
        Map<String, Integer> dependentsLeft = new HashMap<>();
        PriorityQueue<String> ready = new PriorityQueue<>();
        for (String route : affected) {
            int left = (int) dependsOn.predecessors(route).stream().filter(affected::contains).count();
            dependentsLeft.put(route, left);
            if (left == 0) {
                ready.add(route);
            }
        }
        List<String> order = new ArrayList<>(affected.size());
        while (!ready.isEmpty()) {
            String route = ready.poll();
            order.add(route);
            for (String dependency : dependsOn.successors(route)) {
                if (affected.contains(dependency) && dependentsLeft.merge(dependency, -1, Integer::sum) == 0) {
                    ready.add(dependency);
                }
            }
        }
        return List.copyOf(order);
    }

    /**
     * A route's migration phase.
     *
     * @param route a route of the graph
     * @return the name of its migration phase, if it has one
     * @throws IllegalArgumentException if {@code route} is not in the graph
     */
    public Optional<String> phase(String route) {
        return Optional.ofNullable(phases.get(known(route)));
    }

    /**
     * The routes of a migration phase.
     *
     * @param phase a phase name
     * @return the routes in that phase, in alphabetical order; empty for a phase no route is in
     * @throws NullPointerException if {@code phase} is null
     */
    public Set<String> routesInPhase(String phase) {
        Objects.requireNonNull(phase, "phase");
        ImmutableSortedSet.Builder<String> routes = ImmutableSortedSet.naturalOrder();
        phases.forEach((route, p) -> {
            if (p.equals(phase)) {
                routes.add(route);
            }
        });
        return routes.build();
    }

    @Override
    public String toString() {
        return "RouteGraph{dependsOn=" + dependsOn.edges() + ", phases=" + phases + "}";
    }

    private String known(String route) {
        Objects.requireNonNull(route, "route");
        if (!dependsOn.nodes().contains(route)) {
            throw new IllegalArgumentException("unknown route '" + route + "'");
        }
        return route;
    }

    /** Depth-first search that names the first cycle it meets, visiting routes and dependencies alphabetically. */
    private static void failOnCycle(MutableGraph<String> graph) {
        Set<String> done = new HashSet<>();
        for (String start : ImmutableSortedSet.copyOf(graph.nodes())) {
            if (!done.contains(start)) {
                visit(graph, start, new ArrayDeque<>(), new HashSet<>(), done);
            }
        }
    }

    private static void visit(MutableGraph<String> graph, String route, Deque<String> path, Set<String> onPath,
            Set<String> done) {
        path.addLast(route);
        onPath.add(route);
        for (String dependency : ImmutableSortedSet.copyOf(graph.successors(route))) {
            if (onPath.contains(dependency)) {
                throw new IllegalArgumentException("routes depend on each other in a cycle: " + cycle(path, dependency));
            }
            if (!done.contains(dependency)) {
                visit(graph, dependency, path, onPath, done);
            }
        }
        path.removeLast();
        onPath.remove(route);
        done.add(route);
    }

    private static String cycle(Deque<String> path, String repeated) {
        List<String> names = new ArrayList<>(path);
        List<String> loop = new ArrayList<>(names.subList(names.indexOf(repeated), names.size()));
        loop.add(repeated);
        return String.join(" -> ", loop);
    }
}
