package dev.zupa.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A compiled graph used as a node of another. Its checkpoints are stored in the parent's store under a namespace
 * made of the parent's namespace, the node name and the task id; an interrupt inside it pauses the parent, and
 * resuming the parent resumes it.
 *
 * <p>By default the two graphs share the channels they both declare (same name and type): the child starts with
 * the parent's values of them and, when it finishes, what it changed is written back (new items of lists, changed
 * messages, changed last values). Reducer channels cannot be shared this way; give explicit mappings instead.
 *
 * @since 0.1
 */
public final class Subgraph {
    private final Graph graph;
    private final Optional<Function<State, Input>> input;
    private final Optional<BiConsumer<State, NodeContext>> output;

    private Subgraph(
            Graph graph, Optional<Function<State, Input>> input, Optional<BiConsumer<State, NodeContext>> output) {
        this.graph = graph;
        this.input = input;
        this.output = output;
    }

    /**
     * A subgraph that shares same-named channels with its parent.
     *
     * @param graph the child graph; never null
     * @return the subgraph; never null
     */
    public static Subgraph of(Graph graph) {
        return new Subgraph(Objects.requireNonNull(graph, "graph"), Optional.empty(), Optional.empty());
    }

    /**
     * A copy that builds the child's input from the parent's state.
     *
     * @param mapper parent state to child input; never null
     * @return the new subgraph; never null
     */
    public Subgraph input(Function<State, Input> mapper) {
        return new Subgraph(graph, Optional.of(Objects.requireNonNull(mapper, "mapper")), output);
    }

    /**
     * A copy that writes the child's final state back through the parent's node context.
     *
     * @param mapper child final state and parent context; never null
     * @return the new subgraph; never null
     */
    public Subgraph output(BiConsumer<State, NodeContext> mapper) {
        return new Subgraph(graph, input, Optional.of(Objects.requireNonNull(mapper, "mapper")));
    }

    /**
     * The child graph.
     *
     * @return the graph; never null
     */
    public Graph graph() {
        return graph;
    }

    /**
     * The input mapping, if one was given.
     *
     * @return the mapping; never null
     */
    public Optional<Function<State, Input>> inputMapping() {
        return input;
    }

    /**
     * The output mapping, if one was given.
     *
     * @return the mapping; never null
     */
    public Optional<BiConsumer<State, NodeContext>> outputMapping() {
        return output;
    }
}
