package io.strangler.examples.demo;

/**
 * One route as the live view shows it at a tick.
 *
 * @param route the route
 * @param stage its stage, or {@code OFF} when its kill switch is pulled
 * @param percentage the share of users modern serves
 * @param phase its rollout's phase
 * @param step its step, from 0; -1 before the first
 * @param steps how many steps its plan has
 * @param errorRate modern's error rate over the controller's latest window (fallbacks included), NaN when modern
 *     served no call in it
 * @param modernCalls modern's calls in that window
 * @param verdict the latest word on it: a failing trigger's judgement, else the controller's reason
 * @param failing whether a trigger fails
 */
record RouteRow(String route, String stage, double percentage, String phase, int step, int steps, double errorRate,
        long modernCalls, String verdict, boolean failing) {
}
