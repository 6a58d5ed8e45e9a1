package io.strangler.core.rollout;

/**
 * Hears what a {@link RolloutController} does that a person should know of: every stage of every rollback, a
 * request for approval, a pause, a trigger in dry run that starts failing. Called on the controller's tick thread or
 * the thread of a person's command, never on a route's call path; it must return quickly (hand slow work, such as a
 * network call, to a thread of its own, as {@link WebhookNotifier} does). Whatever it throws is logged and never
 * stops a rollback or a tick.
 *
 * <pre>{@code
 * Strangler.controller(router)
 *         .notifier(n -> pager.page(n.route(), n.text()))
 *         .notifier(WebhookNotifier.builder(URI.create("https://hooks.slack.com/services/...")).build())
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface RolloutNotifier {

    /**
     * Hears one notification.
     *
     * @param notification what happened
     */
    void notify(RolloutNotification notification);
}
