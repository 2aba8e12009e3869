package dev.zupa.engine.internal;

import dev.zupa.engine.Durability;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.util.Map;

/** What one run shares with its tasks and with the subgraphs it starts. */
record RunScope(
        ThreadId threadId,
        String namespace,
        Durability durability,
        int stepLimit,
        Emitter emitter,
        CheckpointStore store,
        Map<String, String> metadata,
        boolean recordDecisions) {

    RunScope child(String childNamespace) {
        return new RunScope(threadId, childNamespace, durability, stepLimit, emitter, store, metadata, recordDecisions);
    }
}
