package dev.zupa.engine.internal;

import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.List;

/** What a finished task recorded: writes in call order, command routing, sends. */
record TaskResult(PlannedTask task, List<Write> writes, List<String> gotos, List<Send> sends) {

    record Write(String channel, Object update) {}

    record Send(String node, Object argument) {}

    String node() {
        return task.node();
    }
}
