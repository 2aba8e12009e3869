package dev.zupa.engine.internal;

import dev.zupa.engine.Input;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.RunStream;
import dev.zupa.engine.StateSnapshot;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.StoredCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Executes a {@link GraphDefinition}: the entry points behind {@code Graph}. Thread-safe; runs of one thread and
 * namespace are serialised by a lock so that two callers in this process never interleave on one history.
 */
public final class Engine {
    static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();
    private static final int STRIPES = 256;

    private final GraphDefinition definition;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public Engine(GraphDefinition definition) {
        this.definition = definition;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public GraphDefinition definition() {
        return definition;
    }

    public RunOutcome invoke(Input input, RunConfig config) {
        return invoke(input, config, "", new Emitter(config.listeners()), definition.store());
    }

    RunOutcome invoke(Input input, RunConfig config, String namespace, Emitter emitter, CheckpointStore store) {
        var scope = scope(config, namespace, emitter, store);
        return locked(scope, () -> new Run(definition, scope).invoke(input, config.checkpointId()));
    }

    public RunOutcome resume(RunConfig config, Optional<Object> value) {
        return resume(config, value, "", new Emitter(config.listeners()), definition.store());
    }

    RunOutcome resume(
            RunConfig config, Optional<Object> value, String namespace, Emitter emitter, CheckpointStore store) {
        var scope = scope(config, namespace, emitter, store);
        return locked(scope, () -> new Run(definition, scope).resume(value, config.checkpointId()));
    }

    public CheckpointId update(RunConfig config, Optional<String> asNode, Input input) {
        var scope = scope(config, "", new Emitter(config.listeners()), definition.store());
        return locked(scope, () -> new Run(definition, scope).update(asNode, input, config.checkpointId()));
    }

    public RunStream stream(Input input, RunConfig config) {
        return EventStream.start(config, listening -> invoke(input, listening));
    }

    public Optional<StateSnapshot> state(ThreadId threadId, Optional<CheckpointId> id) {
        return state(threadId, "", id);
    }

    Optional<StateSnapshot> state(ThreadId threadId, String namespace, Optional<CheckpointId> id) {
        return state(threadId, namespace, id, definition.store());
    }

    Optional<StateSnapshot> state(
            ThreadId threadId, String namespace, Optional<CheckpointId> id, CheckpointStore store) {
        var stored = id.isPresent() ? store.get(threadId, namespace, id.get()) : store.latest(threadId, namespace);
        return stored.map(this::snapshot);
    }

    public List<StateSnapshot> history(ThreadId threadId, int limit) {
        var snapshots = new ArrayList<StateSnapshot>();
        for (var checkpoint : definition.store().history(threadId, "", limit)) {
            definition
                    .store()
                    .get(threadId, "", checkpoint.id())
                    .map(this::snapshot)
                    .ifPresent(snapshots::add);
        }
        return snapshots;
    }

    private StateSnapshot snapshot(StoredCheckpoint stored) {
        var checkpoint = stored.checkpoint();
        var values = new Materializer(definition).values(stored);
        var interrupts = new ArrayList<>(checkpoint.interrupts());
        interrupts.addAll(
                PendingInterrupts.unanswered(checkpoint.nextTasks(), stored.pendingWrites(), definition.codec()));
        return new StateSnapshot(checkpoint, new StateView(definition, values), checkpoint.nextTasks(), interrupts);
    }

    private RunScope scope(RunConfig config, String namespace, Emitter emitter, CheckpointStore store) {
        return new RunScope(
                config.threadId(),
                namespace,
                config.durability(),
                config.stepLimit(),
                emitter,
                store,
                config.metadata(),
                config.recordDecisions() && store.keepsLedger());
    }

    private <T> T locked(RunScope scope, Supplier<T> body) {
        if (!scope.namespace().isEmpty()) {
            // a subgraph runs inside its parent's task, which already holds the thread's lock
            return body.get();
        }
        var lock = locks[Math.floorMod(scope.threadId().value().hashCode(), STRIPES)];
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }
}
