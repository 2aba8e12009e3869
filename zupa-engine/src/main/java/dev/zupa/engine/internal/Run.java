package dev.zupa.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.engine.Durability;
import dev.zupa.engine.EdgeRoutingException;
import dev.zupa.engine.Graph;
import dev.zupa.engine.Input;
import dev.zupa.engine.NodeExecutionException;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.StepLimitExceededException;
import dev.zupa.engine.ThreadStateException;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointSource;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.Interrupt;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.engine.checkpoint.PendingWrite;
import dev.zupa.engine.checkpoint.PlannedTask;
import dev.zupa.engine.checkpoint.StoredCheckpoint;
import dev.zupa.engine.event.RunEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * One run of a graph on one thread and namespace: loads the cursor, runs super-steps, merges writes, stores
 * checkpoints. Not thread-safe; the engine holds the thread's lock while a run lives.
 */
final class Run {
    static final String START_TASK = "__input__";
    private static final Comparator<PlannedTask> TASK_ORDER =
            Comparator.comparing(PlannedTask::node).thenComparing(PlannedTask::id);

    private final GraphDefinition definition;
    private final RunScope scope;
    private final Materializer materializer;
    private final TaskExecutor executor;

    // the cursor: the newest checkpoint of this run, stored or (EXIT, ASYNC) not yet
    private @Nullable CheckpointId lastStored;
    private CheckpointId currentId;
    private long step = -1;
    private Map<String, Object> values = new HashMap<>();
    private final Map<String, String> versions = new HashMap<>();
    private final Map<String, Map<String, String>> versionsSeen = new HashMap<>();
    private List<PlannedTask> next = List.of();
    private List<Interrupt> staticInterrupts = List.of();
    private final Map<String, Object> liveArguments = new HashMap<>();
    private List<PendingWrite> pending = List.of();
    private boolean loaded;

    // what changed since the last stored checkpoint, per channel
    private final Map<String, Unsaved> unsaved = new LinkedHashMap<>();
    // ledger entries merged since the last stored checkpoint; stored with the next one
    private final List<LedgerWrite> unsavedLedger = new ArrayList<>();
    // the steps since the last stored checkpoint, recorded with it as one graph.steps entry
    private final List<Map<String, Object>> path = new ArrayList<>();
    // per increment-stored channel: bytes of deltas since its last whole value, and that value's size
    private final Map<String, long[]> chains = new HashMap<>();
    private static final long COMPACTION_SLACK_BYTES = 4096;
    private CompletableFuture<Void> persisting = CompletableFuture.completedFuture(null);

    private sealed interface Unsaved {}

    private record Whole() implements Unsaved {}

    private record Cleared() implements Unsaved {}

    private record Increments(List<Object> updates) implements Unsaved {}

    Run(GraphDefinition definition, RunScope scope) {
        this.definition = definition;
        this.scope = scope;
        this.materializer = new Materializer(definition);
        this.executor = new TaskExecutor(definition, scope);
        this.currentId = CheckpointId.of(definition.ids().get());
    }

    // ---- entry points -------------------------------------------------------------------------------------------

    RunOutcome invoke(Input input, Optional<CheckpointId> from) {
        load(from);
        if (loaded && !next.isEmpty()) {
            if (input.isEmpty()) {
                return loop();
            }
            if (from.isEmpty()) {
                throw new ThreadStateException("thread " + scope.threadId() + namespaceText()
                        + " has an unfinished run (next: " + nodes(next) + "); finish it with Graph.resume, or "
                        + "fork from a checkpoint with RunConfig.fromCheckpoint");
            }
        }
        var writes = new ArrayList<TaskResult.Write>();
        for (var write : input.writes()) {
            definition.channel(write.channel());
            writes.add(new TaskResult.Write(write.channel().name(), Frozen.freeze(write.update())));
        }
        var inputTask = new PlannedTask(currentId + "/" + START_TASK, Graph.START, Optional.empty());
        merge(List.of(new TaskResult(inputTask, writes, List.of(), List.of())), false);
        // the first nodes may be configured to pause before they run, like any later one
        staticInterrupts = interruptsBefore();
        if (scope.durability() != Durability.EXIT || !staticInterrupts.isEmpty()) {
            commit(CheckpointSource.INPUT);
        }
        if (!staticInterrupts.isEmpty()) {
            awaitPersisted();
            var outcome = new RunOutcome.Interrupted(state(), currentId, staticInterrupts);
            emitEnd(outcome);
            return outcome;
        }
        return loop();
    }

    RunOutcome resume(Optional<Object> value, Optional<CheckpointId> from) {
        load(from);
        if (!loaded) {
            throw new ThreadStateException("thread " + scope.threadId() + namespaceText()
                    + " has no checkpoint to resume; start it with Graph.invoke");
        }
        if (next.isEmpty()) {
            throw new ThreadStateException("thread " + scope.threadId() + namespaceText()
                    + " has finished its run; there is nothing to resume (start a new run with Graph.invoke)");
        }
        var waiting = PendingInterrupts.unanswered(next, pending, definition.codec());
        if (value.isEmpty() && !waiting.isEmpty()) {
            throw new ThreadStateException("thread " + scope.threadId() + namespaceText() + " waits for a value "
                    + "at an interrupt of node '"
                    + waiting.get(0).node()
                    + "'; resume it with Graph.resume(config, value)");
        }
        if (value.isPresent()) {
            if (waiting.isEmpty()) {
                throw new ThreadStateException("no node of thread " + scope.threadId() + namespaceText()
                        + " waits for a value"
                        + (staticInterrupts.isEmpty()
                                ? ""
                                : " (it paused at a static " + "interrupt: resume it without a value)"));
            }
            var first = waiting.get(0);
            int index = resumeValues(first.taskId()).size();
            var answer = new PendingWrite(
                    first.taskId(),
                    PendingWrite.Kind.RESUME,
                    index,
                    definition
                            .codec()
                            .encode(
                                    definition.codec().mapper().valueToTree(value.get()),
                                    definition.codec().type(JsonNode.class)));
            scope.store().putPendingWrites(scope.threadId(), scope.namespace(), currentId, List.of(answer));
            var all = new ArrayList<>(pending);
            all.add(answer);
            pending = all;
        }
        audit(
                "graph.resumed",
                Map.of("checkpoint", currentId.value(), "withValue", value.isPresent(), "next", nodes(next)));
        return loop();
    }

    CheckpointId update(Optional<String> asNode, Input input, Optional<CheckpointId> from) {
        load(from);
        var writes = new ArrayList<TaskResult.Write>();
        for (var write : input.writes()) {
            definition.channel(write.channel());
            writes.add(new TaskResult.Write(write.channel().name(), Frozen.freeze(write.update())));
        }
        var writer = asNode.orElse(Graph.START);
        var task = new PlannedTask(currentId + "/" + writer, writer, Optional.empty());
        var previous = next;
        merge(List.of(new TaskResult(task, writes, List.of(), List.of())), false);
        if (asNode.isEmpty()) {
            next = previous.stream()
                    .map(t -> new PlannedTask(renamed(t), t.node(), t.argument()))
                    .sorted(TASK_ORDER)
                    .toList();
        }
        staticInterrupts = List.of();
        commit(CheckpointSource.UPDATE);
        awaitPersisted();
        return currentId;
    }

    // ---- the loop -----------------------------------------------------------------------------------------------

    private RunOutcome loop() {
        int steps = 0;
        try {
            while (!next.isEmpty()) {
                if (steps == scope.stepLimit()) {
                    flush();
                    throw new StepLimitExceededException(scope.threadId(), scope.stepLimit(), nodes(next));
                }
                long stepNumber = step + 1;
                var tasks = next;
                if (scope.emitter().active()) {
                    scope.emitter()
                            .emit(new RunEvent.StepStarted(
                                    scope.threadId(), scope.namespace(), stepNumber, nodes(tasks)));
                }
                var outcomes = execute(tasks, stepNumber);
                steps++;
                var results = new ArrayList<TaskResult>(outcomes.size());
                var failed = new ArrayList<TaskOutcome.Failed>();
                var interrupted = new ArrayList<TaskOutcome.Interrupted>();
                for (var outcome : outcomes) {
                    switch (outcome) {
                        case TaskOutcome.Succeeded s -> results.add(s.result());
                        case TaskOutcome.Reused r -> results.add(r.result());
                        case TaskOutcome.Failed f -> failed.add(f);
                        case TaskOutcome.Interrupted i -> interrupted.add(i);
                    }
                }
                if (!failed.isEmpty() || !interrupted.isEmpty()) {
                    return pause(outcomes, failed, interrupted, stepNumber);
                }
                var after = new ArrayList<Interrupt>();
                for (var task : tasks) {
                    if (definition.interruptAfter().contains(task.node())) {
                        after.add(new Interrupt(task.id(), task.node(), Interrupt.Kind.AFTER, nullNode()));
                    }
                }
                merge(results, true);
                // the decision of the step: which nodes ran, and which the edges chose next
                if (scope.recordDecisions()) {
                    path.add(Map.of("step", stepNumber, "nodes", nodes(tasks), "next", nodes(next)));
                }
                after.addAll(interruptsBefore());
                staticInterrupts = next.isEmpty() ? List.of() : List.copyOf(after);
                if (scope.durability() != Durability.EXIT) {
                    commit(CheckpointSource.LOOP);
                }
                pending = List.of();
                if (scope.emitter().active()) {
                    scope.emitter()
                            .emit(new RunEvent.StepFinished(
                                    scope.threadId(),
                                    scope.namespace(),
                                    step,
                                    currentId,
                                    results.stream()
                                            .flatMap(r -> r.writes().stream())
                                            .map(TaskResult.Write::channel)
                                            .distinct()
                                            .sorted()
                                            .toList()));
                }
                if (!staticInterrupts.isEmpty()) {
                    flush();
                    var outcome = new RunOutcome.Interrupted(state(), currentId, staticInterrupts);
                    emitEnd(outcome);
                    return outcome;
                }
            }
            flush();
            var outcome = new RunOutcome.Completed(state(), currentId, steps);
            emitEnd(outcome);
            return outcome;
        } catch (RuntimeException | Error e) {
            try {
                awaitPersisted();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (scope.emitter().active()) {
                scope.emitter().emit(new RunEvent.RunFailed(scope.threadId(), scope.namespace(), e));
            }
            throw e;
        }
    }

    private List<TaskOutcome> execute(List<PlannedTask> tasks, long stepNumber) {
        var outcomes = new TaskOutcome[tasks.size()];
        var toRun = new ArrayList<PlannedTask>();
        var arguments = new ArrayList<@Nullable Object>();
        var positions = new ArrayList<Integer>();
        for (int i = 0; i < tasks.size(); i++) {
            var task = tasks.get(i);
            var stored = storedResult(task);
            if (stored.isPresent()) {
                outcomes[i] = new TaskOutcome.Reused(task, stored.get());
                if (scope.emitter().active()) {
                    scope.emitter()
                            .emit(new RunEvent.NodeFinished(
                                    scope.threadId(),
                                    scope.namespace(),
                                    stepNumber,
                                    task.node(),
                                    task.id(),
                                    java.time.Duration.ZERO,
                                    RunEvent.Outcome.REUSED,
                                    ""));
                }
            } else {
                toRun.add(task);
                arguments.add(liveArguments.get(task.id()));
                positions.add(i);
            }
        }
        if (!toRun.isEmpty()) {
            var ran = executor.runAll(toRun, arguments, state(), stepNumber, this::resumeValues);
            for (int i = 0; i < ran.size(); i++) {
                outcomes[positions.get(i)] = ran.get(i);
            }
        }
        return List.of(outcomes);
    }

    /** A step with failed or interrupted tasks: keep what finished as pending writes, then fail or pause. */
    private RunOutcome pause(
            List<TaskOutcome> outcomes,
            List<TaskOutcome.Failed> failed,
            List<TaskOutcome.Interrupted> interrupted,
            long stepNumber) {
        if (scope.durability() == Durability.EXIT && !currentId.equals(lastStored)) {
            commit(loaded ? CheckpointSource.LOOP : CheckpointSource.INPUT);
        }
        awaitPersisted();
        var writes = new ArrayList<PendingWrite>();
        for (var outcome : outcomes) {
            if (outcome instanceof TaskOutcome.Succeeded s) {
                writes.add(new PendingWrite(s.task().id(), PendingWrite.Kind.RESULT, 0, encodeResult(s.result())));
            } else if (outcome instanceof TaskOutcome.Interrupted i) {
                writes.add(new PendingWrite(
                        i.task().id(),
                        PendingWrite.Kind.INTERRUPT,
                        i.index(),
                        definition
                                .codec()
                                .encode(i.payload(), definition.codec().type(JsonNode.class))));
            }
        }
        if (!writes.isEmpty()) {
            scope.store().putPendingWrites(scope.threadId(), scope.namespace(), currentId, writes);
            var all = new ArrayList<>(pending);
            all.addAll(writes);
            pending = all;
        }
        if (!failed.isEmpty()) {
            audit(
                    "graph.failed",
                    Map.of(
                            "step",
                            stepNumber,
                            "nodes",
                            failed.stream().map(f -> f.task().node()).toList()));
            var first = failed.get(0);
            var error = new NodeExecutionException(
                    scope.threadId(),
                    first.task().node(),
                    first.task().id(),
                    stepNumber,
                    first.attempts(),
                    first.error());
            for (var other : failed.subList(1, failed.size())) {
                error.addSuppressed(other.error());
            }
            throw error;
        }
        var interrupts = interrupted.stream()
                .map(i -> new Interrupt(i.task().id(), i.task().node(), Interrupt.Kind.DYNAMIC, i.payload()))
                .toList();
        audit(
                "graph.interrupted",
                Map.of(
                        "step",
                        stepNumber,
                        "nodes",
                        interrupts.stream().map(Interrupt::node).toList()));
        var outcome = new RunOutcome.Interrupted(state(), currentId, interrupts);
        emitEnd(outcome);
        return outcome;
    }

    // ---- merging a step -----------------------------------------------------------------------------------------

    /**
     * A ledger entry recorded by a node, carrying the run's correlation id and subject (metadata {@code
     * correlationId} and {@code subject}) unless it names its own: every entry of a run can be found by the request
     * that caused it.
     */
    private LedgerWrite stamped(LedgerWrite entry) {
        var metadata = scope.metadata();
        var result = entry;
        var correlationId = metadata.get("correlationId");
        if (result.correlationId().isEmpty() && correlationId != null && !correlationId.isBlank()) {
            result = result.withCorrelationId(correlationId);
        }
        var subject = metadata.get("subject");
        if (result.subject().isEmpty() && subject != null && !subject.isBlank()) {
            result = result.withSubject(subject);
        }
        return result;
    }

    /**
     * Appends a graph decision made outside a committed step (an interrupt, a failure, a resume) to the ledger at
     * once, when the run records its decisions; the steps themselves go with their checkpoint ({@code graph.steps}).
     */
    private void audit(String type, Map<String, Object> payload) {
        if (scope.recordDecisions()) {
            scope.store()
                    .appendLedger(scope.threadId(), scope.namespace(), List.of(stamped(auditEntry(type, payload))));
        }
    }

    private LedgerWrite auditEntry(String type, Map<String, Object> payload) {
        try {
            return new LedgerWrite(
                    type,
                    Optional.empty(),
                    definition.codec().mapper().writeValueAsString(new java.util.TreeMap<>(payload)),
                    Optional.empty(),
                    definition.clock().instant());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the ledger entry " + type, e);
        }
    }

    /** Applies the writes of a step's tasks in task order, then plans the next step. */
    private void merge(List<TaskResult> results, boolean clearUnwritten) {
        long stepNumber = step + 1;
        var ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparing(TaskResult::node)
                .thenComparing(r -> r.task().id()));
        var updates = new LinkedHashMap<String, List<Reducers.Update>>();
        for (var result : ordered) {
            for (var entry : result.ledger()) {
                unsavedLedger.add(stamped(entry));
            }
            for (var write : result.writes()) {
                updates.computeIfAbsent(write.channel(), c -> new ArrayList<>())
                        .add(new Reducers.Update(result.node(), write.update()));
            }
        }
        var newValues = new HashMap<>(values);
        updates.forEach((name, list) -> {
            var channel = definition.channels().get(name);
            newValues.put(name, Reducers.apply(channel, values.get(name), list, stepNumber));
            if (Reducers.storesDeltas(channel.kind())) {
                var previous = unsaved.get(name);
                var all = previous instanceof Increments inc ? new ArrayList<>(inc.updates()) : new ArrayList<>();
                list.forEach(u -> all.add(u.value()));
                unsaved.put(name, new Increments(all));
            } else {
                unsaved.put(name, new Whole());
            }
        });
        if (clearUnwritten) {
            for (var channel : definition.channels().values()) {
                if (Reducers.clearedWhenUnwritten(channel.kind())
                        && newValues.containsKey(channel.name())
                        && !updates.containsKey(channel.name())) {
                    newValues.remove(channel.name());
                    unsaved.put(channel.name(), new Cleared());
                }
            }
        }
        var newState = new StateView(definition, newValues);
        var newId = CheckpointId.of(definition.ids().get());
        var pulls = new TreeSet<String>();
        var pushes = new ArrayList<PlannedTask>();
        Map<String, String> seen = null; // one copy per step, shared by every node of the step
        for (var result : ordered) {
            pulls.addAll(route(result, newState, stepNumber));
            for (var send : result.sends()) {
                // zero-padded so that task order (which sorts ids as text) is send order: #000002 before #000010
                var id = newId + "/" + send.node() + "#" + String.format("%06d", pushes.size());
                pushes.add(new PlannedTask(
                        id, send.node(), Optional.of(definition.codec().mapper().valueToTree(send.argument()))));
                liveArguments.put(id, send.argument());
            }
            if (!result.node().equals(Graph.START)) {
                if (seen == null) {
                    seen = Map.copyOf(versions);
                }
                versionsSeen.put(result.node(), seen);
            }
        }
        var planned = new ArrayList<PlannedTask>();
        for (var node : pulls) {
            planned.add(new PlannedTask(newId + "/" + node, node, Optional.empty()));
        }
        planned.addAll(pushes);
        planned.sort(TASK_ORDER);
        values = newValues;
        next = List.copyOf(planned);
        step = stepNumber;
        currentId = newId;
    }

    private Collection<String> route(TaskResult result, StateView state, long stepNumber) {
        var node = result.node();
        var targets = new LinkedHashSet<String>(definition.edges().getOrDefault(node, List.of()));
        for (var edge : definition.conditionalEdges().getOrDefault(node, List.of())) {
            Collection<String> chosen;
            try {
                chosen = edge.router().apply(state);
            } catch (RuntimeException e) {
                throw new EdgeRoutingException(
                        "the conditional edge after node '" + node + "' failed in step " + stepNumber + " of thread "
                                + scope.threadId() + ": " + e,
                        e);
            }
            if (chosen == null) {
                throw new EdgeRoutingException(
                        "the conditional edge after node '" + node + "' returned null; return Graph.END to stop", null);
            }
            for (var target : chosen) {
                if (!edge.targets().contains(target)) {
                    throw new EdgeRoutingException(
                            "the conditional edge after node '" + node + "' chose '" + target
                                    + "', which is not among its declared targets " + edge.targets(),
                            null);
                }
                targets.add(target);
            }
        }
        targets.addAll(result.gotos());
        targets.remove(Graph.END);
        return targets;
    }

    // ---- storing ------------------------------------------------------------------------------------------------

    /** Makes the cursor a checkpoint: assigns versions to what changed and stores it (or queues it, in ASYNC). */
    private void commit(CheckpointSource source) {
        var blobs = new ArrayList<ChannelBlob>(unsaved.size());
        var id = currentId.value();
        unsaved.forEach((name, change) -> {
            var channel = definition.channels().get(name);
            switch (change) {
                case Cleared c -> versions.remove(name);
                case Whole w -> {
                    blobs.add(new ChannelBlob(
                            name,
                            id,
                            ChannelBlob.Kind.FULL,
                            Optional.empty(),
                            materializer.encodeValue(channel, values.get(name))));
                    versions.put(name, id);
                }
                case Increments inc -> {
                    blobs.add(incrementOrWhole(channel, name, id, materializer.encodeDelta(channel, inc.updates())));
                    versions.put(name, id);
                }
            }
        });
        unsaved.clear();
        if (!path.isEmpty()) {
            unsavedLedger.add(stamped(auditEntry("graph.steps", Map.of("steps", List.copyOf(path)))));
            path.clear();
        }
        var ledger = List.copyOf(unsavedLedger);
        unsavedLedger.clear();
        var checkpoint = new Checkpoint(
                currentId,
                scope.threadId(),
                scope.namespace(),
                Optional.ofNullable(lastStored),
                step,
                definition.clock().instant(),
                source,
                versions,
                versionsSeen,
                next,
                staticInterrupts,
                scope.metadata());
        lastStored = currentId;
        if (scope.durability() == Durability.ASYNC) {
            checkPersisting();
            persisting = persisting.thenRunAsync(() -> scope.store().put(checkpoint, blobs, ledger), Engine.VIRTUAL);
        } else {
            scope.store().put(checkpoint, blobs, ledger);
        }
    }

    /**
     * The blob for a channel stored as increments: normally a delta, but the whole value once the deltas since the
     * last whole value outweigh it twice (a window that drops as much as it adds), so that reading never replays
     * much more than the value itself. A list that only grows never triggers this: its deltas add up to the value.
     */
    private ChannelBlob incrementOrWhole(Channel<?, ?> channel, String name, String id, byte[] delta) {
        var stats = chains.computeIfAbsent(name, n -> new long[2]);
        stats[0] += delta.length;
        if (stats[0] > 2 * stats[1] + COMPACTION_SLACK_BYTES) {
            var whole = materializer.encodeValue(channel, values.get(name));
            stats[1] = whole.length;
            if (2L * whole.length < stats[0]) {
                stats[0] = 0;
                return new ChannelBlob(name, id, ChannelBlob.Kind.FULL, Optional.empty(), whole);
            }
        }
        return new ChannelBlob(name, id, ChannelBlob.Kind.DELTA, Optional.ofNullable(versions.get(name)), delta);
    }

    /** Before the run returns: the cursor is stored and every queued store call has finished. */
    private void flush() {
        if (scope.durability() == Durability.EXIT && !currentId.equals(lastStored)) {
            commit(CheckpointSource.LOOP);
        }
        awaitPersisted();
    }

    private void awaitPersisted() {
        try {
            persisting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new CheckpointStoreException(
                            "storing a checkpoint of thread " + scope.threadId() + " failed", e.getCause());
        }
    }

    private void checkPersisting() {
        if (persisting.isCompletedExceptionally()) {
            awaitPersisted();
        }
    }

    // ---- loading ------------------------------------------------------------------------------------------------

    private void load(Optional<CheckpointId> from) {
        Optional<StoredCheckpoint> stored = from.isPresent()
                ? scope.store().get(scope.threadId(), scope.namespace(), from.get())
                : scope.store().latest(scope.threadId(), scope.namespace());
        if (from.isPresent() && stored.isEmpty()) {
            throw new ThreadStateException(
                    "thread " + scope.threadId() + namespaceText() + " has no checkpoint " + from.get());
        }
        if (stored.isEmpty()) {
            return;
        }
        var s = stored.get();
        var checkpoint = s.checkpoint();
        loaded = true;
        lastStored = checkpoint.id();
        currentId = checkpoint.id();
        step = checkpoint.step();
        values = materializer.values(s);
        s.channels().forEach((name, chain) -> {
            var stats = chains.computeIfAbsent(name, n -> new long[2]);
            for (var blob : chain) {
                if (blob.kind() == ChannelBlob.Kind.FULL) {
                    stats[0] = 0;
                    stats[1] = blob.data().length;
                } else {
                    stats[0] += blob.data().length;
                }
            }
        });
        versions.putAll(checkpoint.channelVersions());
        versionsSeen.putAll(checkpoint.versionsSeen());
        next = checkpoint.nextTasks();
        staticInterrupts = checkpoint.interrupts();
        pending = s.pendingWrites();
        for (var task : next) {
            if (!definition.nodes().containsKey(task.node())) {
                throw new ThreadStateException("checkpoint " + checkpoint.id() + " of thread " + scope.threadId()
                        + " plans node '" + task.node() + "', which this graph does not have");
            }
        }
    }

    // ---- pending writes -----------------------------------------------------------------------------------------

    private Optional<TaskResult> storedResult(PlannedTask task) {
        for (var write : pending) {
            if (write.kind() == PendingWrite.Kind.RESULT && write.taskId().equals(task.id())) {
                return Optional.of(decodeResult(task, write.data()));
            }
        }
        return Optional.empty();
    }

    private List<JsonNode> resumeValues(String taskId) {
        var answers = new ArrayList<PendingWrite>();
        for (var write : pending) {
            if (write.kind() == PendingWrite.Kind.RESUME && write.taskId().equals(taskId)) {
                answers.add(write);
            }
        }
        answers.sort(Comparator.comparingInt(PendingWrite::index));
        var values = new ArrayList<JsonNode>(answers.size());
        for (var answer : answers) {
            values.add(readTree(answer.data()));
        }
        return values;
    }

    private byte[] encodeResult(TaskResult result) {
        var mapper = definition.codec().mapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode writes = root.putArray("writes");
        for (var write : result.writes()) {
            var channel = definition.channels().get(write.channel());
            var encoded =
                    definition.codec().encode(write.update(), definition.codec().type(channel.updateType()));
            writes.addObject().put("channel", write.channel()).set("update", readTree(encoded));
        }
        var gotos = root.putArray("goto");
        result.gotos().forEach(gotos::add);
        var sends = root.putArray("sends");
        for (var send : result.sends()) {
            sends.addObject().put("node", send.node()).set("argument", mapper.valueToTree(send.argument()));
        }
        if (!result.ledger().isEmpty()) {
            var ledger = root.putArray("ledger");
            for (var entry : result.ledger()) {
                var item = ledger.addObject().put("type", entry.type());
                entry.key().ifPresent(k -> item.put("key", k));
                item.set("payload", readTree(entry.payload().getBytes(StandardCharsets.UTF_8)));
                entry.node().ifPresent(n -> item.put("node", n));
                item.put("at", entry.recordedAt().toString());
            }
        }
        return definition.codec().encode(root, definition.codec().type(JsonNode.class));
    }

    private TaskResult decodeResult(PlannedTask task, byte[] data) {
        try {
            var mapper = definition.codec().mapper();
            var root = readTree(data);
            var writes = new ArrayList<TaskResult.Write>();
            for (var write : root.path("writes")) {
                var name = write.path("channel").asText();
                var channel = definition.channels().get(name);
                if (channel == null) {
                    throw new IllegalStateException("unknown channel '" + name + "'");
                }
                Object update = mapper.readerFor(definition.codec().type(channel.updateType()))
                        .readValue(write.path("update"));
                writes.add(new TaskResult.Write(name, Frozen.freeze(update)));
            }
            var gotos = new ArrayList<String>();
            root.path("goto").forEach(g -> gotos.add(g.asText()));
            var sends = new ArrayList<TaskResult.Send>();
            for (var send : root.path("sends")) {
                sends.add(new TaskResult.Send(send.path("node").asText(), send.path("argument")));
            }
            var ledger = new ArrayList<LedgerWrite>();
            for (var item : root.path("ledger")) {
                ledger.add(new LedgerWrite(
                        item.path("type").asText(),
                        item.hasNonNull("key") ? Optional.of(item.path("key").asText()) : Optional.empty(),
                        mapper.writeValueAsString(item.path("payload")),
                        item.hasNonNull("node") ? Optional.of(item.path("node").asText()) : Optional.empty(),
                        Instant.parse(item.path("at").asText())));
            }
            return new TaskResult(task, writes, gotos, sends, ledger);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointStoreException(
                    "cannot read the stored result of task " + task.id() + " of thread " + scope.threadId()
                            + " (checkpoint " + currentId + "): " + e.getMessage(),
                    e);
        }
    }

    private JsonNode readTree(byte[] data) {
        return definition.codec().decode(data, definition.codec().type(JsonNode.class));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    StateView state() {
        return new StateView(definition, values);
    }

    private void emitEnd(RunOutcome outcome) {
        if (scope.emitter().active()) {
            if (outcome instanceof RunOutcome.Interrupted i) {
                scope.emitter().emit(new RunEvent.Interrupted(scope.threadId(), scope.namespace(), i.interrupts()));
            }
            scope.emitter().emit(new RunEvent.RunFinished(scope.threadId(), scope.namespace(), outcome));
        }
    }

    private String renamed(PlannedTask task) {
        var id = task.id();
        int slash = id.indexOf('/');
        return currentId + (slash >= 0 ? id.substring(slash) : "/" + task.node());
    }

    /** The static interrupts the planned tasks raise before they run. */
    private List<Interrupt> interruptsBefore() {
        var before = new ArrayList<Interrupt>();
        for (var task : next) {
            if (definition.interruptBefore().contains(task.node())) {
                before.add(new Interrupt(task.id(), task.node(), Interrupt.Kind.BEFORE, nullNode()));
            }
        }
        return List.copyOf(before);
    }

    private JsonNode nullNode() {
        return definition.codec().mapper().nullNode();
    }

    private String namespaceText() {
        return scope.namespace().isEmpty() ? "" : " (namespace '" + scope.namespace() + "')";
    }

    private static List<String> nodes(List<PlannedTask> tasks) {
        return tasks.stream().map(PlannedTask::node).toList();
    }
}
