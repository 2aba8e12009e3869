package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SendTest {
    static final Channel<List<String>, String> RESULTS = Channel.appender("results", String.class);
    static final Channel<Integer, Integer> TOTAL = Channel.reducer("total", Integer.class, Integer::sum, 0);

    /** A structured argument: it must survive a round trip through JSON. */
    record Chunk(int index, String text, List<String> tags) {}

    private static Graph mapReduce(int n, Node work) {
        return builder()
                .channels(RESULTS, TOTAL)
                .node(
                        "split",
                        ctx -> {
                            for (int i = 0; i < n; i++) {
                                ctx.send("work", new Chunk(i, "part-" + i, List.of("t" + i)));
                            }
                        },
                        NodeOptions.defaults().destinations("work"))
                .node("work", work)
                .node(
                        "reduce",
                        ctx -> ctx.write(RESULTS, "reduced " + ctx.state().get(TOTAL)))
                .edge(Graph.START, "split")
                .edge("work", "reduce")
                .edge("reduce", Graph.END)
                .build();
    }

    @Test
    void sendsFanOutOneNodeToManyTasksInOneStepAndReduce() {
        var steps = ConcurrentHashMap.<Long>newKeySet();
        var runs = new CopyOnWriteArrayList<Integer>();
        var graph = mapReduce(5, ctx -> {
            var chunk = ctx.argument(Chunk.class).orElseThrow();
            steps.add(ctx.step());
            runs.add(chunk.index());
            ctx.write(RESULTS, chunk.text() + " " + chunk.tags());
            ctx.write(TOTAL, chunk.index());
        });
        var thread = ThreadId.of("t");

        var outcome = graph.invoke(Input.none(), RunConfig.forThread(thread));

        assertThat(runs).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(steps).containsExactly(2L);
        assertThat(outcome.state().get(RESULTS))
                .containsExactly(
                        "part-0 [t0]", "part-1 [t1]", "part-2 [t2]", "part-3 [t3]", "part-4 [t4]", "reduced 10");
        var afterSplit = graph.history(thread, 10).stream()
                .filter(s -> s.checkpoint().step() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(afterSplit.next())
                .extracting(PlannedTask::node)
                .containsOnly("work")
                .hasSize(5);
        assertThat(afterSplit
                        .next()
                        .get(3)
                        .argument()
                        .orElseThrow()
                        .path("text")
                        .asText())
                .isEqualTo("part-3");
    }

    @Test
    void resultsOfManySendsMergeInSendOrder() {
        var graph = mapReduce(
                12,
                ctx -> ctx.write(
                        RESULTS, "r" + ctx.argument(Chunk.class).orElseThrow().index()));

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(outcome.state().get(RESULTS))
                .containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "reduced 0");
    }

    @Test
    void edgeTriggeredTaskHasNoArgument() {
        var arguments = new CopyOnWriteArrayList<Optional<Chunk>>();
        var graph = builder()
                .node("plain", ctx -> arguments.add(ctx.argument(Chunk.class)))
                .edge(Graph.START, "plain")
                .edge("plain", Graph.END)
                .build();

        graph.invoke(Input.none(), "t");

        assertThat(arguments).containsExactly(Optional.empty());
    }

    @Test
    void argumentsSurviveAResumeAsJson() {
        var failedOnce = new AtomicBoolean();
        var runs = new ConcurrentHashMap<Integer, Integer>();
        var graph = mapReduce(4, ctx -> {
            var chunk = ctx.argument(Chunk.class).orElseThrow();
            runs.merge(chunk.index(), 1, Integer::sum);
            if (chunk.index() == 2 && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("chunk 2 failed once");
            }
            ctx.write(RESULTS, chunk.text() + " " + chunk.tags());
            ctx.write(TOTAL, chunk.index());
        });
        var config = RunConfig.forThread("t");

        assertThatThrownBy(() -> graph.invoke(Input.none(), config))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("node 'work'")
                .hasMessageContaining("chunk 2 failed once");
        var outcome = graph.resume(config);

        assertThat(runs)
                .containsEntry(0, 1)
                .containsEntry(1, 1)
                .containsEntry(2, 2)
                .containsEntry(3, 1);
        assertThat(outcome.state().get(RESULTS))
                .containsExactly("part-0 [t0]", "part-1 [t1]", "part-2 [t2]", "part-3 [t3]", "reduced 6");
    }

    @Test
    void argumentReadAsAnIncompatibleTypeFailsClearly() {
        var graph = builder()
                .node(
                        "send",
                        ctx -> ctx.send("take", new Chunk(1, "x", List.of())),
                        NodeOptions.defaults().destinations("take"))
                .node("take", ctx -> ctx.argument(Integer.class))
                .edge(Graph.START, "send")
                .edge("take", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(NodeExecutionException.class)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the argument of node 'take' as java.lang.Integer");
    }

    @Test
    void rejectsSendToUnknownNode() {
        var graph = builder()
                .node("send", ctx -> ctx.send("ghost", 1))
                .edge(Graph.START, "send")
                .edge("send", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(NodeExecutionException.class)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 'send' sends to unknown node 'ghost'");
    }
}
