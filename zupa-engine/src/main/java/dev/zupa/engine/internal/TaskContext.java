package dev.zupa.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.engine.Graph;
import dev.zupa.engine.NodeContext;
import dev.zupa.engine.State;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.engine.checkpoint.PlannedTask;
import dev.zupa.engine.event.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The context of one attempt of one task. Confined to the task's thread until {@link #close()}. */
final class TaskContext implements NodeContext {
    private final GraphDefinition definition;
    private final RunScope scope;
    private final PlannedTask task;
    private final @Nullable Object liveArgument;
    private final StateView state;
    private final long step;
    private final int attempt;
    private final List<JsonNode> resumeValues;

    private final List<TaskResult.Write> writes = new ArrayList<>();
    private final List<String> gotos = new ArrayList<>();
    private final List<TaskResult.Send> sends = new ArrayList<>();
    private final List<LedgerWrite> ledger = new ArrayList<>();
    private int interrupts;
    private @Nullable InterruptSignal raised;
    private volatile boolean closed;

    TaskContext(
            GraphDefinition definition,
            RunScope scope,
            PlannedTask task,
            @Nullable Object liveArgument,
            StateView state,
            long step,
            int attempt,
            List<JsonNode> resumeValues) {
        this.definition = definition;
        this.scope = scope;
        this.task = task;
        this.liveArgument = liveArgument;
        this.state = state;
        this.step = step;
        this.attempt = attempt;
        this.resumeValues = resumeValues;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public <U> void write(Channel<?, U> channel, U update) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(update, "update");
        checkOpen();
        definition.channel(channel);
        if (!channel.accepts(update)) {
            throw new IllegalArgumentException("channel '" + channel.name() + "' takes updates of type "
                    + channel.updateType().getTypeName() + ", not "
                    + update.getClass().getName());
        }
        writes.add(new TaskResult.Write(channel.name(), Frozen.freeze(update)));
    }

    @Override
    public void record(String type, Object payload) {
        addRecord(type, Optional.empty(), payload);
    }

    @Override
    public void record(String type, String key, Object payload) {
        Objects.requireNonNull(key, "key");
        addRecord(type, Optional.of(key), payload);
    }

    private void addRecord(String type, Optional<String> key, Object payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        checkOpen();
        String json;
        try {
            json = definition.codec().mapper().writeValueAsString(payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "node '" + task.node() + "' recorded a '" + type + "' ledger entry that is not JSON: " + e, e);
        }
        synchronized (ledger) {
            ledger.add(new LedgerWrite(
                    type,
                    key,
                    json,
                    Optional.of(task.node()),
                    definition.clock().instant()));
        }
    }

    @Override
    public void goTo(String... nodes) {
        checkOpen();
        for (var node : nodes) {
            Objects.requireNonNull(node, "node");
            if (!node.equals(Graph.END) && !definition.nodes().containsKey(node)) {
                throw new IllegalArgumentException("node '" + task.node() + "' routes to unknown node '" + node
                        + "'; known nodes: " + definition.nodes().keySet());
            }
            gotos.add(node);
        }
    }

    @Override
    public void send(String node, Object argument) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(argument, "argument");
        checkOpen();
        if (!definition.nodes().containsKey(node)) {
            throw new IllegalArgumentException("node '" + task.node() + "' sends to unknown node '" + node
                    + "'; known nodes: " + definition.nodes().keySet());
        }
        sends.add(new TaskResult.Send(node, Frozen.freeze(argument)));
    }

    @Override
    public <T> Optional<T> argument(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (liveArgument != null && type.isInstance(liveArgument)) {
            return Optional.of(type.cast(liveArgument));
        }
        if (task.argument().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(convert(task.argument().get(), type, "argument of node '" + task.node() + "'"));
    }

    @Override
    public <T> T interrupt(Object payload, Class<T> answerType) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(answerType, "answerType");
        checkOpen();
        int index = interrupts++;
        if (index < resumeValues.size()) {
            return convert(resumeValues.get(index), answerType, "resume value of node '" + task.node() + "'");
        }
        raised = new InterruptSignal(index, definition.codec().mapper().valueToTree(payload));
        throw raised;
    }

    @Override
    public void emit(String name, Object payload) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payload, "payload");
        scope.emitter()
                .emit(new RunEvent.Custom(scope.threadId(), scope.namespace(), step, task.node(), name, payload));
    }

    @Override
    public ThreadId threadId() {
        return scope.threadId();
    }

    @Override
    public String node() {
        return task.node();
    }

    @Override
    public String taskId() {
        return task.id();
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    /** Makes the next {@code interrupt} call the {@code count}-th: subgraphs skip answers their child already used. */
    void skipInterrupts(int count) {
        interrupts = count;
    }

    RunScope scope() {
        return scope;
    }

    List<JsonNode> resumeValues() {
        return resumeValues;
    }

    /** The interrupt this attempt raised, even when the node caught and swallowed the signal. */
    Optional<InterruptSignal> raised() {
        return Optional.ofNullable(raised);
    }

    TaskResult result() {
        List<LedgerWrite> recorded;
        synchronized (ledger) {
            recorded = List.copyOf(ledger);
        }
        return new TaskResult(task, List.copyOf(writes), List.copyOf(gotos), List.copyOf(sends), recorded);
    }

    /** After this, a node thread left running by a timeout can no longer record anything. */
    void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the task of node '" + task.node() + "' has ended (it timed out or was "
                    + "cancelled); its context can no longer be used");
        }
    }

    private <T> T convert(JsonNode json, Class<T> type, String what) {
        try {
            return definition.codec().mapper().treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the " + what + " as " + type.getName() + ": " + e, e);
        }
    }
}
