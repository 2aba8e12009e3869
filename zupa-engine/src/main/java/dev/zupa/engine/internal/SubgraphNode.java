package dev.zupa.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.engine.Input;
import dev.zupa.engine.Node;
import dev.zupa.engine.NodeContext;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.State;
import dev.zupa.engine.Subgraph;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.channel.ChannelKind;
import dev.zupa.engine.checkpoint.Interrupt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Runs a child graph as one task of its parent, under a namespace of the parent's thread. */
public final class SubgraphNode implements Node {
    private final Subgraph subgraph;
    private final Engine child;
    private final List<Channel<?, ?>> shared;

    public SubgraphNode(Subgraph subgraph, Engine child, List<Channel<?, ?>> shared) {
        this.subgraph = subgraph;
        this.child = child;
        this.shared = List.copyOf(shared);
    }

    /** Channels a default-mapped subgraph shares with its parent; reducer channels cannot be shared. */
    public static List<Channel<?, ?>> sharedChannels(GraphDefinition parent, GraphDefinition childDefinition) {
        var shared = new ArrayList<Channel<?, ?>>();
        for (var channel : childDefinition.channels().values()) {
            if (channel.equals(parent.channels().get(channel.name()))) {
                shared.add(channel);
            }
        }
        return shared;
    }

    @Override
    public void run(NodeContext context) {
        var task = (TaskContext) context;
        var scope = task.scope();
        var namespace =
                (scope.namespace().isEmpty() ? "" : scope.namespace() + "|") + context.node() + ":" + context.taskId();
        var childScope = scope.child(namespace);
        var config = new RunConfig(
                scope.threadId(),
                Optional.empty(),
                scope.stepLimit(),
                scope.durability(),
                List.of(),
                scope.metadata(),
                scope.recordDecisions());
        int answers = task.resumeValues().size();
        task.skipInterrupts(Math.max(0, answers - 1));
        var snapshot = child.state(scope.threadId(), namespace, Optional.empty(), scope.store());
        RunOutcome outcome;
        if (snapshot.isEmpty()) {
            outcome = child.invoke(input(context.state()), config, namespace, childScope.emitter(), scope.store());
        } else if (snapshot.get().finished()) {
            // the child had finished before the parent's step was stored (a crash or a sibling's failure)
            outcome = new RunOutcome.Completed(
                    snapshot.get().values(), snapshot.get().checkpoint().id(), 0);
        } else if (snapshot.get().interrupts().isEmpty()) {
            outcome = child.resume(config, Optional.empty(), namespace, childScope.emitter(), scope.store());
        } else {
            outcome = new RunOutcome.Interrupted(
                    snapshot.get().values(),
                    snapshot.get().checkpoint().id(),
                    snapshot.get().interrupts());
        }
        while (outcome instanceof RunOutcome.Interrupted paused) {
            var first = paused.interrupts().get(0);
            var answer = context.interrupt(first.payload(), JsonNode.class);
            Optional<Object> value = first.kind() == Interrupt.Kind.DYNAMIC ? Optional.of(answer) : Optional.empty();
            outcome = child.resume(config, value, namespace, childScope.emitter(), scope.store());
        }
        var initial = context.state();
        var result = outcome.state();
        if (subgraph.outputMapping().isPresent()) {
            subgraph.outputMapping().get().accept(result, context);
        } else {
            writeBack(initial, result, context);
        }
    }

    private Input input(State parent) {
        if (subgraph.inputMapping().isPresent()) {
            return subgraph.inputMapping().get().apply(parent);
        }
        var input = Input.none();
        for (var channel : shared) {
            var value = parent.find(channel);
            if (value.isEmpty()) {
                continue;
            }
            input = switch (channel.kind()) {
                case LAST_VALUE, EPHEMERAL -> with(input, channel, value.get());
                case APPENDER, TOPIC, MESSAGES -> {
                    var all = input;
                    for (var item : (List<?>) value.get()) {
                        all = with(all, channel, item);
                    }
                    yield all;
                }
                case REDUCER -> throw new IllegalStateException("reducer channels are not shared");
            };
        }
        return input;
    }

    private void writeBack(State before, State after, NodeContext context) {
        for (var channel : shared) {
            var old = before.find(channel);
            var now = after.find(channel);
            if (now.isEmpty()) {
                continue;
            }
            switch (channel.kind()) {
                case LAST_VALUE, EPHEMERAL -> {
                    if (!now.equals(old)) {
                        write(context, channel, now.get());
                    }
                }
                case APPENDER, TOPIC -> {
                    var items = (List<?>) now.get();
                    int from = old.map(o -> ((List<?>) o).size()).orElse(0);
                    for (var item : items.subList(Math.min(from, items.size()), items.size())) {
                        write(context, channel, item);
                    }
                }
                case MESSAGES -> writeMessages(context, channel, old, now.get());
                case REDUCER -> throw new IllegalStateException("reducer channels are not shared");
            }
        }
    }

    private static void writeMessages(NodeContext context, Channel<?, ?> channel, Optional<?> old, Object now) {
        var before = new HashMap<Object, Object>();
        old.ifPresent(o -> ((List<?>) o).forEach(m -> before.put(((dev.zupa.core.message.Message) m).id(), m)));
        var after = new HashMap<Object, Object>();
        for (var item : (List<?>) now) {
            var message = (dev.zupa.core.message.Message) item;
            after.put(message.id(), message);
            if (!Objects.equals(before.get(message.id()), message)) {
                write(context, channel, message);
            }
        }
        for (var id : before.keySet()) {
            if (!after.containsKey(id)) {
                write(context, channel, dev.zupa.core.message.MessageUpdate.remove((dev.zupa.core.message.MessageId)
                        id));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Input with(Input input, Channel<?, ?> channel, Object update) {
        return input.and((Channel<?, Object>) channel, update);
    }

    @SuppressWarnings("unchecked")
    private static void write(NodeContext context, Channel<?, ?> channel, Object update) {
        context.write((Channel<?, Object>) channel, update);
    }

    static boolean shareable(Channel<?, ?> channel) {
        return channel.kind() != ChannelKind.REDUCER;
    }
}
