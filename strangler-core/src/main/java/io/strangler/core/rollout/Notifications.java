package io.strangler.core.rollout;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The controller's notifiers: tells each one, and keeps whatever one throws from reaching the controller. */
final class Notifications {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final List<RolloutNotifier> notifiers;

    Notifications(List<RolloutNotifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
    }

    void send(RolloutNotification notification) {
        for (RolloutNotifier notifier : notifiers) {
            try {
                notifier.notify(notification);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.warn("notifier {} failed on {} of route '{}'; the controller goes on: {}", notifier,
                        notification.kind(), notification.route(), e.toString(), e);
            }
        }
    }
}
