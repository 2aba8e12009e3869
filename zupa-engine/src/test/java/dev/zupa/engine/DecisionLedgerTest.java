package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Graph decisions (node chosen, edge taken, interrupt, failure, resume) as audit ledger entries. */
class DecisionLedgerTest {
    static final Channel<String, String> ROUTE = Channel.lastValue("route", String.class);
    static final ThreadId THREAD = ThreadId.of("decisions");

    private final CheckpointStore store = CheckpointStore.inMemory();

    private Graph graph() {
        return builder(store)
                .channels(ROUTE)
                .node("classify", ctx -> ctx.write(ROUTE, "ask"))
                .node("ask", ctx -> {
                    var answer = ctx.interrupt("which size?", String.class);
                    ctx.write(ROUTE, answer);
                })
                .node("skip", ctx -> {})
                .edge(Graph.START, "classify")
                .conditionalEdge("classify", state -> state.get(ROUTE), List.of("ask", "skip"))
                .edge("ask", Graph.END)
                .edge("skip", Graph.END)
                .build();
    }

    @Test
    @DisplayName("a run that records decisions stores the nodes each step ran, the edge it took, the interrupt and"
            + " the resume, with the run's correlation id")
    void decisionsAreLedgerEntries() {
        var graph = graph();
        var config = RunConfig.forThread(THREAD).recordDecisions(true).metadata("correlationId", "c-1");

        graph.invoke(Input.none(), config);
        graph.resume(config, "large");

        var entries = store.ledger(LedgerQuery.thread(THREAD, 100));
        assertThat(entries)
                .extracting(LedgerEntry::type)
                .containsSubsequence("graph.steps", "graph.interrupted", "graph.resumed", "graph.steps");
        var firstSteps = entries.stream()
                .filter(e -> e.type().equals("graph.steps"))
                .findFirst()
                .orElseThrow();
        // classify ran, and its conditional edge chose "ask"
        assertThat(firstSteps.write().payload())
                .contains("\"nodes\":[\"classify\"]")
                .contains("\"next\":[\"ask\"]");
        assertThat(entries.stream().filter(e -> e.type().equals("graph.interrupted")))
                .singleElement()
                .satisfies(e -> assertThat(e.write().payload()).contains("ask"));
        assertThat(entries)
                .allSatisfy(e -> assertThat(e.write().correlationId()).contains("c-1"));
    }

    @Test
    @DisplayName("by default a run records no decisions")
    void offByDefault() {
        graph().invoke(Input.none(), RunConfig.forThread(THREAD));

        assertThat(store.ledger(LedgerQuery.thread(THREAD, 100)))
                .extracting(LedgerEntry::type)
                .doesNotContainAnyElementsOf(Set.of("graph.steps", "graph.interrupted"));
    }
}
