package dev.zupa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.engine.channel.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    static final Channel<Integer, Integer> COUNT = Channel.reducer("count", Integer.class, Integer::sum, 0);
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);

    @Test
    void linearAndFanOut() {
        var b = Graph.builder().channels(COUNT, LOG);
        b.node("seed", ctx -> ctx.write(LOG, "seed"));
        b.edge(Graph.START, "seed");
        for (int i = 1; i <= 8; i++) {
            var name = "b" + i;
            b.node(name, ctx -> {
                ctx.write(LOG, name);
                ctx.write(COUNT, 1);
            });
            b.edge("seed", name);
            b.edge(name, "join");
        }
        b.node("join", ctx -> ctx.write(LOG, "join:" + ctx.state().get(COUNT)));
        b.edge("join", Graph.END);
        var graph = b.build();
        var outcome = graph.invoke(Input.none(), "t1");
        assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
        assertThat(outcome.state().get(LOG))
                .containsExactly("seed", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "join:8");
        var again = graph.invoke(Input.of(COUNT, 100), "t1");
        assertThat(again.state().get(COUNT)).isEqualTo(116);
        assertThat(again.state().get(LOG)).hasSize(20);
        assertThat(graph.history(ThreadId.of("t1"), 100)).hasSize(8);
    }
}
