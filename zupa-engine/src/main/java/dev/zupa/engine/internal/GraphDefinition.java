package dev.zupa.engine.internal;

import dev.zupa.core.json.JsonCodec;
import dev.zupa.engine.Node;
import dev.zupa.engine.NodeOptions;
import dev.zupa.engine.State;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** A validated graph: what the builder produced, shared by every run. Immutable. */
public record GraphDefinition(
        Map<String, Channel<?, ?>> channels,
        Map<String, NodeSpec> nodes,
        Map<String, List<String>> edges,
        Map<String, List<ConditionalEdge>> conditionalEdges,
        Set<String> interruptBefore,
        Set<String> interruptAfter,
        CheckpointStore store,
        Clock clock,
        Supplier<String> ids,
        JsonCodec codec) {

    /** A node with its options. */
    public record NodeSpec(String name, Node node, NodeOptions options) {}

    /** A routing function and the targets it may return. */
    public record ConditionalEdge(Function<State, Collection<String>> router, Set<String> targets) {}

    /** The channel declared under a name, or an IAE naming the fix. */
    public Channel<?, ?> channel(Channel<?, ?> requested) {
        var declared = channels.get(requested.name());
        if (declared == null || !declared.equals(requested)) {
            throw new IllegalArgumentException("channel '" + requested.name() + "' is not declared in this graph"
                    + (declared == null ? "" : " with that type (declared: " + declared + ")")
                    + "; add it with Graph.builder().channel(...)");
        }
        return declared;
    }
}
