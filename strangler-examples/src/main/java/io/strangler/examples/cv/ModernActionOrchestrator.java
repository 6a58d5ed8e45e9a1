package io.strangler.examples.cv;

import java.util.List;
import java.util.stream.Stream;

/** The action module: the same receipts, appended to an immutable history per user. */
public final class ModernActionOrchestrator implements ActionOrchestrator {

    private final KeyedStore<List<ActionReceipt>> receipts;

    /**
     * A handler over {@code receipts}, which the service's instances share.
     *
     * @param receipts the modern side's receipts, by user
     */
    public ModernActionOrchestrator(KeyedStore<List<ActionReceipt>> receipts) {
        this.receipts = receipts;
    }

    @Override
    public ActionReceipt perform(String userId, UserAction action) {
        List<ActionReceipt> after = receipts.update(userId, old -> {
            List<ActionReceipt> before = old == null ? List.of() : old;
            return Stream.concat(before.stream(), Stream.of(ActionReceipt.of(userId, before.size() + 1, action)))
                    .toList();
        });
        return after.get(after.size() - 1);
    }

    @Override
    public List<ActionReceipt> history(String userId) {
        List<ActionReceipt> held = receipts.get(userId);
        return held == null ? List.of() : held;
    }
}
