package io.strangler.core.testing;

/** Runs every task on the submitting thread, so that shadow work is deterministic in a test. */
public final class InlineExecutor extends ExecuteOnlyExecutor {

    @Override
    public void execute(Runnable command) {
        command.run();
    }
}
