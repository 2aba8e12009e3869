package dev.zupa.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphBuilderTest {
    static final Channel<Integer, Integer> TOTAL = Channel.reducer("total", Integer.class, Integer::sum, 0);
    static final Node NOOP = ctx -> {};

    @Test
    void rejectsGraphWithoutNodes() {
        assertThatThrownBy(() -> Graph.builder().build())
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("the graph has no nodes");
    }

    @Test
    void rejectsEdgeToUnknownNode() {
        var builder = Graph.builder()
                .node("a", NOOP)
                .edge(Graph.START, "a")
                .edge("a", "ghost")
                .edge("a", Graph.END);

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("edge from 'a' to unknown node 'ghost'")
                .hasMessageContaining("known nodes: [a]");
    }

    @Test
    void rejectsEdgeFromUnknownNode() {
        var builder = Graph.builder()
                .node("a", NOOP)
                .edge(Graph.START, "a")
                .edge("a", Graph.END)
                .edge("ghost", "a");

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("edge from unknown node 'ghost'");
    }

    @Test
    void rejectsEdgeOutOfEnd() {
        var builder = Graph.builder()
                .node("a", NOOP)
                .edge(Graph.START, "a")
                .edge("a", Graph.END)
                .edge(Graph.END, "a");

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("from unknown node '" + Graph.END + "'");
    }

    @Test
    void rejectsConditionalEdgeToUnknownNode() {
        var builder = Graph.builder()
                .node("a", NOOP)
                .edge(Graph.START, "a")
                .conditionalEdge("a", s -> Graph.END, List.of(Graph.END, "ghost"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("conditional edge from 'a' to unknown node 'ghost'");
    }

    @Test
    void rejectsCommandDestinationThatIsUnknown() {
        var builder = Graph.builder()
                .node("a", NOOP, NodeOptions.defaults().destinations("ghost"))
                .edge(Graph.START, "a")
                .edge("a", Graph.END);

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("command destination from 'a' to unknown node 'ghost'");
    }

    @Test
    void rejectsUnreachableNode() {
        var builder = Graph.builder()
                .node("a", NOOP)
                .node("orphan", NOOP)
                .edge(Graph.START, "a")
                .edge("a", Graph.END)
                .edge("orphan", Graph.END);

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("node 'orphan' cannot be reached from " + Graph.START);
    }

    @Test
    void rejectsNodeWithoutPathToEnd() {
        var builder = Graph.builder()
                .node("a", NOOP)
                .node("spin", NOOP)
                .edge(Graph.START, "a")
                .edge("a", "spin")
                .edge("a", Graph.END)
                .edge("spin", "spin");

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("no path leads from node 'spin' to " + Graph.END);
    }

    @Test
    void acceptsLoopWithAnExit() {
        var builder = Graph.builder()
                .node("spin", NOOP)
                .edge(Graph.START, "spin")
                .conditionalEdge("spin", s -> Graph.END, List.of("spin", Graph.END));

        assertThatCode(builder::build).doesNotThrowAnyException();
    }

    @Test
    void rejectsGraphWithNothingAfterStart() {
        var builder = Graph.builder().node("a", NOOP).edge("a", Graph.END);

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("nothing follows " + Graph.START);
    }

    @Test
    void rejectsNodeWithoutOutgoingEdge() {
        var builder = Graph.builder()
                .node("a", NOOP)
                .node("b", NOOP)
                .edge(Graph.START, "a")
                .edge("a", "b");

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("node 'b' has no outgoing edge");
    }

    @Test
    void commandDestinationsCountAsOutgoingEdges() {
        var builder = Graph.builder()
                .node("a", NOOP, NodeOptions.defaults().destinations("b"))
                .node("b", NOOP)
                .edge(Graph.START, "a")
                .edge("b", Graph.END);

        assertThatCode(builder::build).doesNotThrowAnyException();
    }

    @Test
    void rejectsInterruptBeforeUnknownNode() {
        var builder = Graph.builder()
                .node("a", NOOP)
                .edge(Graph.START, "a")
                .edge("a", Graph.END)
                .interruptBefore("ghost");

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("interruptBefore names unknown node 'ghost'");
    }

    @Test
    void rejectsInterruptAfterUnknownNode() {
        var builder = Graph.builder()
                .node("a", NOOP)
                .edge(Graph.START, "a")
                .edge("a", Graph.END)
                .interruptAfter("ghost");

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("interruptAfter names unknown node 'ghost'");
    }

    @Test
    void rejectsDuplicateNodeAtOnce() {
        var builder = Graph.builder().node("a", NOOP);

        assertThatThrownBy(() -> builder.node("a", NOOP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a node named 'a' already exists");
    }

    @Test
    void rejectsTwoChannelsWithOneNameAndDifferentTypes() {
        var builder = Graph.builder().channel(TOTAL);

        assertThatThrownBy(() -> builder.channel(Channel.lastValue("total", String.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two channels are named 'total'");
    }

    @Test
    void acceptsTheSameChannelDeclaredTwice() {
        var graph = Graph.builder()
                .channels(TOTAL, Channel.reducer("total", Integer.class, Integer::sum, 0))
                .node("a", ctx -> ctx.write(TOTAL, 1))
                .edge(Graph.START, "a")
                .edge("a", Graph.END)
                .build();

        assertThat(graph.invoke(Input.none(), "t").state().get(TOTAL)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {Graph.START, Graph.END, " ", "a|b", "a/b"})
    void rejectsReservedOrMalformedNodeNames(String name) {
        assertThatThrownBy(() -> Graph.builder().node(name, NOOP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node name must be non-blank, not " + Graph.START + " or " + Graph.END)
                .hasMessageContaining("was '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"__hidden", " ", ""})
    void rejectsReservedOrBlankChannelNames(String name) {
        assertThatThrownBy(() -> Channel.lastValue(name, String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel name must be non-blank and must not start with '__'")
                .hasMessageContaining("was '" + name + "'");
    }

    @Test
    void rejectsConditionalEdgeWithoutTargets() {
        assertThatThrownBy(() -> Graph.builder().conditionalEdge("a", s -> "b", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a conditional edge from 'a' needs its targets");
    }

    @Test
    void rejectsSubgraphSharingAReducerChannel() {
        var child = Graph.builder()
                .channel(TOTAL)
                .node("inc", ctx -> ctx.write(TOTAL, 1))
                .edge(Graph.START, "inc")
                .edge("inc", Graph.END)
                .build();
        var builder = Graph.builder()
                .channel(TOTAL)
                .subgraph("child", child)
                .edge(Graph.START, "child")
                .edge("child", Graph.END);

        assertThatThrownBy(builder::build)
                .isInstanceOf(GraphDefinitionException.class)
                .hasMessageContaining("subgraph 'child' shares reducer channel 'total'");
    }

    @Test
    void keepsNodesInDeclarationOrder() {
        var graph = Graph.builder()
                .node("zeta", NOOP)
                .node("alpha", NOOP)
                .edge(Graph.START, "zeta")
                .edge("zeta", "alpha")
                .edge("alpha", Graph.END)
                .build();

        assertThat(graph.nodes()).containsExactly("zeta", "alpha");
        assertThat(graph.nodes()).isEqualTo(Set.of("alpha", "zeta"));
    }
}
