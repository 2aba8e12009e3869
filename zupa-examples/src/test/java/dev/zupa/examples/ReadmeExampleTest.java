package dev.zupa.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.engine.Graph;
import dev.zupa.engine.Input;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.channel.Channel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "graph in twenty lines", kept compiling and true. Change both together. */
class ReadmeExampleTest {
    static final Channel<Integer, Integer> TOTAL = Channel.reducer("total", Integer.class, Integer::sum, 0);
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);

    @Test
    void readmeGraphRunsAsDocumented(@TempDir Path dir) {
        try (var store = SqliteCheckpointStore.open(dir.resolve("orders.db"))) {
            var graph = Graph.builder()
                    .channels(TOTAL, LOG)
                    .node("fetch", ctx -> ctx.write(LOG, "fetched"))
                    .node("price", ctx -> ctx.write(TOTAL, 40))
                    .node("tax", ctx -> ctx.write(TOTAL, 2))
                    .node("report", ctx -> ctx.write(LOG, "total=" + ctx.state().get(TOTAL)))
                    .edge(Graph.START, "fetch")
                    .edge("fetch", "price")
                    .edge("fetch", "tax")
                    .edge("price", "report")
                    .edge("tax", "report")
                    .edge("report", Graph.END)
                    .checkpointStore(store)
                    .build();

            RunOutcome outcome = graph.invoke(Input.none(), RunConfig.forThread("order-42"));

            assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
            assertThat(outcome.state().get(LOG)).containsExactly("fetched", "total=42");
            // input, fetch, {price, tax}, report: one checkpoint each, report ran once
            assertThat(graph.history(ThreadId.of("order-42"), 10)).hasSize(4);
        }
    }
}
