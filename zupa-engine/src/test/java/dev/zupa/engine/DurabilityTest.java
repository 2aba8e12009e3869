package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.engine.channel.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DurabilityTest {
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
    static final Channel<Integer, Integer> SUM = Channel.reducer("sum", Integer.class, Integer::sum, 0);
    static final Channel<String, String> FLASH = Channel.ephemeral("flash", String.class);

    private static Graph threeSteps(RecordingStore store) {
        return builder(store)
                .channels(LOG, SUM, FLASH)
                .node("a", ctx -> {
                    ctx.write(LOG, "a");
                    ctx.write(FLASH, "from a");
                })
                .node("b", ctx -> {
                    ctx.write(LOG, "b saw " + ctx.state().find(FLASH).orElse("-"));
                    ctx.write(SUM, 2);
                })
                .node("c", ctx -> {
                    ctx.write(LOG, "c saw " + ctx.state().find(FLASH).orElse("-"));
                    ctx.write(SUM, 3);
                })
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", "c")
                .edge("c", Graph.END)
                .build();
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void everyModeReachesTheSameStateAndStoresIt(Durability mode) {
        var store = new RecordingStore();
        var graph = threeSteps(store);
        var config = RunConfig.forThread("t").durability(mode);

        var first = graph.invoke(Input.of(SUM, 1), config);
        var second = graph.invoke(Input.of(LOG, "again"), config);

        assertThat(first.state().get(LOG)).containsExactly("a", "b saw from a", "c saw -");
        assertThat(first.state().get(SUM)).isEqualTo(6);
        assertThat(first.state().find(FLASH)).isEmpty();
        assertThat(second.state().get(LOG))
                .containsExactly("a", "b saw from a", "c saw -", "again", "a", "b saw from a", "c saw -");
        assertThat(second.state().get(SUM)).isEqualTo(11);
        var stored = graph.state(ThreadId.of("t")).orElseThrow();
        assertThat(stored.values()).isEqualTo(second.state());
        assertThat(stored.checkpoint().id()).isEqualTo(second.checkpointId());
        assertThat(stored.finished()).isTrue();
    }

    @Test
    void syncStoresOneCheckpointPerStepOnTheCallersThread() {
        var store = new RecordingStore();
        var graph = threeSteps(store);

        graph.invoke(Input.none(), RunConfig.forThread("t").durability(Durability.SYNC));

        assertThat(store.puts()).hasSize(4);
        assertThat(store.puts()).allMatch(p -> p.thread() == Thread.currentThread());
    }

    @Test
    void asyncStoresEveryCheckpointBeforeInvokeReturns() {
        var store = new RecordingStore().slowPuts(Duration.ofMillis(20));
        var graph = threeSteps(store);

        var outcome = graph.invoke(Input.none(), RunConfig.forThread("t").durability(Durability.ASYNC));

        assertThat(store.puts()).hasSize(4);
        assertThat(store.puts()).noneMatch(p -> p.thread() == Thread.currentThread());
        assertThat(store.puts()).extracting(p -> p.checkpoint().step()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(store.puts().get(3).checkpoint().id()).isEqualTo(outcome.checkpointId());
    }

    @Test
    void exitStoresOnlyOneCheckpointPerRun() {
        var store = new RecordingStore();
        var graph = threeSteps(store);
        var config = RunConfig.forThread("t").durability(Durability.EXIT);

        var first = graph.invoke(Input.none(), config);
        assertThat(store.puts()).hasSize(1);
        var second = graph.invoke(Input.none(), config);

        assertThat(store.puts()).hasSize(2);
        assertThat(store.pendingWrites()).isEmpty();
        assertThat(store.puts().get(0).checkpoint().id()).isEqualTo(first.checkpointId());
        assertThat(store.puts().get(1).checkpoint().parentId()).contains(first.checkpointId());
        assertThat(store.puts().get(0).checkpoint().nextTasks()).isEmpty();
    }

    @Test
    void exitStoresThePauseAndResumesFromIt() {
        var store = new RecordingStore();
        var asks = new AtomicInteger();
        var graph = builder(store)
                .channel(LOG)
                .node("a", ctx -> ctx.write(LOG, "a"))
                .node("ask", ctx -> {
                    asks.incrementAndGet();
                    ctx.write(LOG, "answer " + ctx.interrupt("?", String.class));
                })
                .edge(Graph.START, "a")
                .edge("a", "ask")
                .edge("ask", Graph.END)
                .build();
        var config = RunConfig.forThread("t").durability(Durability.EXIT);

        var paused = graph.invoke(Input.none(), config);
        assertThat(paused).isInstanceOf(RunOutcome.Interrupted.class);
        assertThat(store.puts()).hasSize(1);

        var outcome = graph.resume(config, "42");

        assertThat(outcome.state().get(LOG)).containsExactly("a", "answer 42");
        assertThat(store.puts()).hasSize(2);
        assertThat(asks).hasValue(2);
    }
}
