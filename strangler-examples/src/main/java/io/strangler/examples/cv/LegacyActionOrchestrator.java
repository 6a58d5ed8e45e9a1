package io.strangler.examples.cv;

import java.util.ArrayList;
import java.util.List;

/** The monolith's action handler, over the monolith's receipts table. */
public final class LegacyActionOrchestrator implements ActionOrchestrator {

    private final KeyedStore<List<ActionReceipt>> receipts;

    /**
     * A handler over {@code receipts}, which the service's instances share.
     *
     * @param receipts the legacy side's receipts, by user
     */
    public LegacyActionOrchestrator(KeyedStore<List<ActionReceipt>> receipts) {
        this.receipts = receipts;
    }

    @Override
    public ActionReceipt perform(String userId, UserAction action) {
        ActionReceipt[] made = new ActionReceipt[1];
        receipts.update(userId, old -> {
            List<ActionReceipt> next = old == null ? new ArrayList<>() : new ArrayList<>(old);
            made[0] = ActionReceipt.of(userId, next.size() + 1, action);
            next.add(made[0]);
            return List.copyOf(next);
        });
        return made[0];
    }

    @Override
    public List<ActionReceipt> history(String userId) {
        List<ActionReceipt> held = receipts.get(userId);
        return held == null ? List.of() : held;
    }
}
