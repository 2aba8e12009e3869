package dev.zupa.engine.internal;

import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.List;

/** What a finished task recorded: writes in call order, command routing, sends, ledger entries. */
record TaskResult(
        PlannedTask task, List<Write> writes, List<String> gotos, List<Send> sends, List<LedgerWrite> ledger) {

    TaskResult(PlannedTask task, List<Write> writes, List<String> gotos, List<Send> sends) {
        this(task, writes, gotos, sends, List.of());
    }

    record Write(String channel, Object update) {}

    record Send(String node, Object argument) {}

    String node() {
        return task.node();
    }
}
