package dev.zupa.engine;

import dev.zupa.core.json.JsonCodec;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.internal.Engine;
import dev.zupa.engine.internal.GraphDefinition;
import dev.zupa.engine.internal.Ids;
import dev.zupa.engine.internal.Mermaid;
import dev.zupa.engine.internal.SubgraphNode;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A compiled graph: typed channels, nodes and edges, run in super-steps with a checkpoint after each one.
 *
 * <pre>{@code
 * var graph = Graph.builder()
 *         .channel(COUNT)
 *         .node("increment", ctx -> ctx.write(COUNT, ctx.state().get(COUNT) + 1))
 *         .edge(Graph.START, "increment")
 *         .edge("increment", Graph.END)
 *         .checkpointStore(store)
 *         .build();
 * RunOutcome outcome = graph.invoke(Input.of(COUNT, 41), RunConfig.forThread("t-1"));
 * }</pre>
 *
 * <p>Each super-step runs every planned task concurrently on virtual threads against the state as it was at the
 * step's start, then merges all writes through the channels' reducers in task order (node name, then task id), so
 * the same input always gives the same state however the threads interleave. The checkpoint of a step is stored
 * before the next one starts ({@link Durability#SYNC}). A thread with a checkpoint continues from it: after a crash,
 * {@link #resume(RunConfig)} runs only what had not finished.
 *
 * <p>Immutable and thread-safe: one graph serves any number of threads at once; runs of one thread are serialised.
 *
 * @since 0.1
 */
public final class Graph {
    /** The virtual node runs start from. */
    public static final String START = "__start__";

    /** The virtual node a branch ends in. */
    public static final String END = "__end__";

    private final Engine engine;

    private Graph(GraphDefinition definition) {
        this.engine = new Engine(definition);
    }

    /**
     * Starts a graph definition.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the graph on a thread: the input is merged into the thread's state (empty for a new thread) and the run
     * starts at {@link #START}. With {@link Input#none()} on a thread whose last run did not finish, that run is
     * continued instead.
     *
     * @param input the writes to start with; never null
     * @param config thread, limits, listeners; never null
     * @return how the run ended; never null
     * @throws ThreadStateException when the thread has an unfinished run and the input is not empty
     * @throws NodeExecutionException when a node fails after its retries
     * @throws StepLimitExceededException when the run needs more steps than its limit
     * @throws ChannelUpdateException when a step's writes conflict
     * @throws dev.zupa.engine.checkpoint.CheckpointStoreException when the store fails
     */
    public RunOutcome invoke(Input input, RunConfig config) {
        return engine.invoke(Objects.requireNonNull(input, "input"), Objects.requireNonNull(config, "config"));
    }

    /**
     * Runs the graph on a thread with default settings.
     *
     * @param input the writes to start with; never null
     * @param threadId the thread; never null or blank
     * @return how the run ended; never null
     */
    public RunOutcome invoke(Input input, String threadId) {
        return invoke(input, RunConfig.forThread(threadId));
    }

    /**
     * Runs the graph on a virtual thread and hands its events over as they happen.
     *
     * @param input the writes to start with; never null
     * @param config thread, limits, listeners; never null
     * @return the event stream; close it to cancel the run; never null
     */
    public RunStream stream(Input input, RunConfig config) {
        return engine.stream(Objects.requireNonNull(input, "input"), Objects.requireNonNull(config, "config"));
    }

    /**
     * Continues a thread's unfinished run: after a crash, a failed node, a static interrupt or a step limit. Tasks
     * that had finished in the interrupted step are not run again.
     *
     * @param config the thread; never null
     * @return how the run ended; never null
     * @throws ThreadStateException when the thread is unknown or its run has finished
     */
    public RunOutcome resume(RunConfig config) {
        return engine.resume(Objects.requireNonNull(config, "config"), Optional.empty());
    }

    /**
     * Answers the node that paused the thread with {@link NodeContext#interrupt}: the node runs again and the
     * {@code interrupt} call returns this value. With several paused tasks, the first in task order is answered.
     *
     * @param config the thread; never null
     * @param value the answer, JSON-serialisable; never null
     * @return how the run ended; never null
     * @throws ThreadStateException when the thread is unknown, finished, or no node waits for a value
     */
    public RunOutcome resume(RunConfig config, Object value) {
        return engine.resume(
                Objects.requireNonNull(config, "config"), Optional.of(Objects.requireNonNull(value, "value")));
    }

    /**
     * The state at the thread's latest checkpoint.
     *
     * @param threadId the thread; never null
     * @return the snapshot, or empty for an unknown thread; never null
     */
    public Optional<StateSnapshot> state(ThreadId threadId) {
        return engine.state(Objects.requireNonNull(threadId, "threadId"), Optional.empty());
    }

    /**
     * The state at one checkpoint of a thread.
     *
     * @param threadId the thread; never null
     * @param checkpointId the checkpoint; never null
     * @return the snapshot; never null
     * @throws ThreadStateException when there is no such checkpoint
     */
    public StateSnapshot state(ThreadId threadId, CheckpointId checkpointId) {
        Objects.requireNonNull(checkpointId, "checkpointId");
        return engine.state(Objects.requireNonNull(threadId, "threadId"), Optional.of(checkpointId))
                .orElseThrow(
                        () -> new ThreadStateException("thread " + threadId + " has no checkpoint " + checkpointId));
    }

    /**
     * A thread's checkpoints with their states, newest first.
     *
     * @param threadId the thread; never null
     * @param limit at most this many; positive
     * @return the snapshots; empty for an unknown thread; never null
     */
    public List<StateSnapshot> history(ThreadId threadId, int limit) {
        return engine.history(Objects.requireNonNull(threadId, "threadId"), limit);
    }

    /**
     * Writes into a thread's state as if a node had written, as a new checkpoint (history is never rewritten). With
     * a node, the next tasks are that node's successors; without one, they stay what they were.
     *
     * @param config the thread, and optionally the checkpoint to start from; never null
     * @param asNode the node the writes are attributed to, or empty; never null
     * @param writes the writes; never null
     * @return the new checkpoint's id; never null
     * @throws IllegalArgumentException for an unknown node
     */
    public CheckpointId updateState(RunConfig config, Optional<String> asNode, Input writes) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(asNode, "asNode");
        Objects.requireNonNull(writes, "writes");
        asNode.ifPresent(node -> {
            if (!engine.definition().nodes().containsKey(node)) {
                throw new IllegalArgumentException("unknown node '" + node + "'; known nodes: "
                        + engine.definition().nodes().keySet());
            }
        });
        return engine.update(config, asNode, writes);
    }

    /**
     * The graph as a Mermaid flowchart: solid arrows for edges, dotted ones for conditional edges and commands.
     *
     * @return the Mermaid text; never null
     */
    public String toMermaid() {
        return Mermaid.render(engine.definition());
    }

    /**
     * The store this graph checkpoints into.
     *
     * @return the store; never null
     */
    public CheckpointStore checkpointStore() {
        return engine.definition().store();
    }

    /**
     * The names of the graph's nodes, in the order they were added.
     *
     * @return the node names; never null
     */
    public Set<String> nodes() {
        return engine.definition().nodes().keySet();
    }

    Engine engine() {
        return engine;
    }

    /**
     * Defines a graph. Not thread-safe; {@link #build()} validates everything and fails with a
     * {@link GraphDefinitionException} naming what is wrong.
     */
    public static final class Builder {
        private final Map<String, Channel<?, ?>> channels = new LinkedHashMap<>();
        private final Map<String, GraphDefinition.NodeSpec> nodes = new LinkedHashMap<>();
        private final Map<String, Subgraph> subgraphs = new LinkedHashMap<>();
        private final Map<String, List<String>> edges = new LinkedHashMap<>();
        private final Map<String, List<GraphDefinition.ConditionalEdge>> conditional = new LinkedHashMap<>();
        private final Set<String> interruptBefore = new LinkedHashSet<>();
        private final Set<String> interruptAfter = new LinkedHashSet<>();
        private CheckpointStore store = CheckpointStore.inMemory();
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = new Ids();
        private JsonCodec codec = JsonCodec.defaults();

        private Builder() {}

        /**
         * Declares a channel. Nodes may read and write only declared channels.
         *
         * @param channel the channel; never null
         * @return this builder
         * @throws IllegalArgumentException when another channel has the same name
         */
        public Builder channel(Channel<?, ?> channel) {
            Objects.requireNonNull(channel, "channel");
            var previous = channels.putIfAbsent(channel.name(), channel);
            if (previous != null && !previous.equals(channel)) {
                throw new IllegalArgumentException(
                        "two channels are named '" + channel.name() + "': " + previous + " and " + channel);
            }
            return this;
        }

        /**
         * Declares several channels.
         *
         * @param all the channels; never null
         * @return this builder
         */
        public Builder channels(Channel<?, ?>... all) {
            for (var channel : all) {
                channel(channel);
            }
            return this;
        }

        /**
         * Adds a node with default options.
         *
         * @param name a unique name, not {@link #START} or {@link #END}; never null or blank
         * @param node the work; never null
         * @return this builder
         */
        public Builder node(String name, Node node) {
            return node(name, node, NodeOptions.defaults());
        }

        /**
         * Adds a node with options (retry, timeout, command destinations).
         *
         * @param name a unique name; never null or blank
         * @param node the work; never null
         * @param options the options; never null
         * @return this builder
         */
        public Builder node(String name, Node node, NodeOptions options) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(options, "options");
            if (name.isBlank() || name.equals(START) || name.equals(END) || name.contains("|") || name.contains("/")) {
                throw new IllegalArgumentException("node name must be non-blank, not " + START + " or " + END
                        + " and without '|' or '/', was '" + name + "'");
            }
            if (nodes.putIfAbsent(name, new GraphDefinition.NodeSpec(name, node, options)) != null) {
                throw new IllegalArgumentException("a node named '" + name + "' already exists");
            }
            return this;
        }

        /**
         * Adds a compiled graph as a node (see {@link Subgraph}).
         *
         * @param name a unique name; never null or blank
         * @param subgraph the subgraph; never null
         * @return this builder
         */
        public Builder subgraph(String name, Subgraph subgraph) {
            Objects.requireNonNull(subgraph, "subgraph");
            // the real node is made in build(), when this graph's channels are all known
            node(name, ctx -> {
                throw new IllegalStateException("placeholder");
            });
            subgraphs.put(name, subgraph);
            return this;
        }

        /**
         * Adds a compiled graph as a node that shares same-named channels.
         *
         * @param name a unique name; never null or blank
         * @param graph the child graph; never null
         * @return this builder
         */
        public Builder subgraph(String name, Graph graph) {
            return subgraph(name, Subgraph.of(graph));
        }

        /**
         * Adds an edge: when {@code from} finishes, {@code to} runs in the next step. Several edges into one node
         * in one step run it once.
         *
         * @param from a node or {@link #START}; never null
         * @param to a node or {@link #END}; never null
         * @return this builder
         */
        public Builder edge(String from, String to) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            edges.computeIfAbsent(from, f -> new ArrayList<>()).add(to);
            return this;
        }

        /**
         * Adds a conditional edge: when {@code from} finishes, the router picks the next node from the state after
         * the step's writes.
         *
         * @param from a node or {@link #START}; never null
         * @param router returns one of {@code targets}; never null
         * @param targets every node the router may return (or {@link #END}); never null, not empty
         * @return this builder
         */
        public Builder conditionalEdge(String from, Function<State, String> router, Collection<String> targets) {
            Objects.requireNonNull(router, "router");
            return conditionalEdges(from, state -> List.of(router.apply(state)), targets);
        }

        /**
         * Adds a conditional edge whose router may pick several nodes (or none) to run in parallel next.
         *
         * @param from a node or {@link #START}; never null
         * @param router returns a subset of {@code targets}; never null
         * @param targets every node the router may return (or {@link #END}); never null, not empty
         * @return this builder
         */
        public Builder conditionalEdges(
                String from, Function<State, Collection<String>> router, Collection<String> targets) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(targets, "targets");
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a conditional edge from '" + from + "' needs its targets");
            }
            conditional
                    .computeIfAbsent(from, f -> new ArrayList<>())
                    .add(new GraphDefinition.ConditionalEdge(router, Set.copyOf(targets)));
            return this;
        }

        /**
         * Pauses runs before these nodes run; {@code Graph.resume} continues.
         *
         * @param names node names; never null
         * @return this builder
         */
        public Builder interruptBefore(String... names) {
            interruptBefore.addAll(List.of(names));
            return this;
        }

        /**
         * Pauses runs after these nodes ran; {@code Graph.resume} continues.
         *
         * @param names node names; never null
         * @return this builder
         */
        public Builder interruptAfter(String... names) {
            interruptAfter.addAll(List.of(names));
            return this;
        }

        /**
         * Where checkpoints go; an in-memory store by default.
         *
         * @param checkpointStore the store; never null
         * @return this builder
         */
        public Builder checkpointStore(CheckpointStore checkpointStore) {
            this.store = Objects.requireNonNull(checkpointStore, "checkpointStore");
            return this;
        }

        /**
         * The clock checkpoint times come from; the system UTC clock by default.
         *
         * @param value the clock; never null
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Where checkpoint ids come from; each call must return a new, unique id.
         *
         * @param value the id source; never null
         * @return this builder
         */
        public Builder ids(Supplier<String> value) {
            this.ids = Objects.requireNonNull(value, "ids");
            return this;
        }

        /**
         * The JSON codec for channel values; {@link JsonCodec#defaults()} by default.
         *
         * @param value the codec; never null
         * @return this builder
         */
        public Builder codec(JsonCodec value) {
            this.codec = Objects.requireNonNull(value, "codec");
            return this;
        }

        /**
         * Validates the definition and compiles it.
         *
         * @return the graph; never null
         * @throws GraphDefinitionException naming the first problem found
         */
        public Graph build() {
            if (nodes.isEmpty()) {
                throw new GraphDefinitionException("the graph has no nodes; add one with node(name, node)");
            }
            var successors = new LinkedHashMap<String, Set<String>>();
            successors.put(START, new LinkedHashSet<>());
            nodes.keySet().forEach(n -> successors.put(n, new LinkedHashSet<>()));
            edges.forEach((from, targets) -> targets.forEach(to -> link(successors, from, to, "edge")));
            conditional.forEach((from, list) ->
                    list.forEach(e -> e.targets().forEach(to -> link(successors, from, to, "conditional edge"))));
            nodes.values().forEach(spec -> spec.options()
                    .destinations()
                    .forEach(to -> link(successors, spec.name(), to, "command destination")));
            if (successors.get(START).isEmpty()) {
                throw new GraphDefinitionException(
                        "nothing follows " + START + "; add edge(Graph.START, \"<first node>\")");
            }
            checkInterrupts(interruptBefore, "interruptBefore");
            checkInterrupts(interruptAfter, "interruptAfter");
            for (var node : nodes.keySet()) {
                if (successors.get(node).isEmpty()) {
                    throw new GraphDefinitionException("node '" + node + "' has no outgoing edge; add edge(\"" + node
                            + "\", Graph.END) or declare its command destinations in NodeOptions");
                }
            }
            var reachable = reach(START, successors);
            for (var node : nodes.keySet()) {
                if (!reachable.contains(node)) {
                    throw new GraphDefinitionException("node '" + node + "' cannot be reached from " + START
                            + "; add an edge into it or remove it");
                }
            }
            for (var node : nodes.keySet()) {
                if (!reach(node, successors).contains(END)) {
                    throw new GraphDefinitionException("no path leads from node '" + node + "' to " + END
                            + "; every run through it would loop until the step limit");
                }
            }
            var finalNodes = new LinkedHashMap<>(nodes);
            subgraphs.forEach((name, subgraph) -> finalNodes.put(name, subgraphNode(name, subgraph)));
            var definition = new GraphDefinition(
                    Collections.unmodifiableMap(new LinkedHashMap<>(channels)),
                    Collections.unmodifiableMap(finalNodes),
                    copy(edges),
                    copyConditional(),
                    Set.copyOf(interruptBefore),
                    Set.copyOf(interruptAfter),
                    store,
                    clock,
                    ids,
                    codec);
            return new Graph(definition);
        }

        private GraphDefinition.NodeSpec subgraphNode(String name, Subgraph subgraph) {
            var child = subgraph.graph().engine();
            var shared = SubgraphNode.sharedChannels(placeholderDefinition(), child.definition());
            if (subgraph.outputMapping().isEmpty() || subgraph.inputMapping().isEmpty()) {
                for (var channel : shared) {
                    if (channel.kind() == dev.zupa.engine.channel.ChannelKind.REDUCER) {
                        throw new GraphDefinitionException("subgraph '" + name + "' shares reducer channel '"
                                + channel.name() + "' with its parent; give Subgraph.input and Subgraph.output "
                                + "mappings instead of sharing it");
                    }
                }
            }
            var options = nodes.get(name).options();
            return new GraphDefinition.NodeSpec(name, new SubgraphNode(subgraph, child, shared), options);
        }

        private GraphDefinition placeholderDefinition() {
            return new GraphDefinition(
                    Map.copyOf(channels), Map.of(), Map.of(), Map.of(), Set.of(), Set.of(), store, clock, ids, codec);
        }

        private void link(Map<String, Set<String>> successors, String from, String to, String what) {
            if (!successors.containsKey(from) || from.equals(END)) {
                throw new GraphDefinitionException(
                        what + " from unknown node '" + from + "' (to '" + to + "'); known nodes: " + nodes.keySet());
            }
            if (!to.equals(END) && !nodes.containsKey(to)) {
                throw new GraphDefinitionException(
                        what + " from '" + from + "' to unknown node '" + to + "'; known nodes: " + nodes.keySet());
            }
            successors.get(from).add(to);
        }

        private void checkInterrupts(Set<String> names, String what) {
            for (var name : names) {
                if (!nodes.containsKey(name)) {
                    throw new GraphDefinitionException(what + " names unknown node '" + name + "'");
                }
            }
        }

        private static Set<String> reach(String from, Map<String, Set<String>> successors) {
            var seen = new HashSet<String>();
            var todo = new ArrayDeque<String>();
            todo.add(from);
            while (!todo.isEmpty()) {
                var node = todo.poll();
                for (var next : successors.getOrDefault(node, Set.of())) {
                    if (seen.add(next)) {
                        todo.add(next);
                    }
                }
            }
            return seen;
        }

        private static Map<String, List<String>> copy(Map<String, List<String>> edges) {
            var copy = new LinkedHashMap<String, List<String>>();
            edges.forEach((k, v) -> copy.put(k, List.copyOf(new LinkedHashSet<>(v))));
            return Collections.unmodifiableMap(copy);
        }

        private Map<String, List<GraphDefinition.ConditionalEdge>> copyConditional() {
            var copy = new LinkedHashMap<String, List<GraphDefinition.ConditionalEdge>>();
            conditional.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return Collections.unmodifiableMap(copy);
        }
    }
}
