package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointSource;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimeTravelTest {
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
    static final ThreadId THREAD = ThreadId.of("t");
    static final RunConfig CONFIG = RunConfig.forThread(THREAD);

    private final RecordingStore store = new RecordingStore();

    /** START → a → b → c → END, each appending its name. */
    private Graph abc(String... interruptBefore) {
        return builder(store)
                .channel(LOG)
                .node("a", ctx -> ctx.write(LOG, "a"))
                .node("b", ctx -> ctx.write(LOG, "b"))
                .node("c", ctx -> ctx.write(LOG, "c"))
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", "c")
                .edge("c", Graph.END)
                .interruptBefore(interruptBefore)
                .build();
    }

    private static StateSnapshot atStep(List<StateSnapshot> history, long step) {
        return history.stream()
                .filter(s -> s.checkpoint().step() == step)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void historyIsNewestFirstWithTheStateOfEachCheckpoint() {
        var graph = abc();
        graph.invoke(Input.none(), CONFIG);

        var history = graph.history(THREAD, 10);

        assertThat(history).extracting(s -> s.checkpoint().step()).containsExactly(3L, 2L, 1L, 0L);
        assertThat(history)
                .extracting(s -> s.values().get(LOG))
                .containsExactly(List.of("a", "b", "c"), List.of("a", "b"), List.of("a"), List.of());
        assertThat(graph.history(THREAD, 2)).hasSize(2);
    }

    @Test
    void readsTheStateAtAnOldCheckpoint() {
        var graph = abc();
        graph.invoke(Input.none(), CONFIG);
        var old = atStep(graph.history(THREAD, 10), 1).checkpoint().id();

        var snapshot = graph.state(THREAD, old);

        assertThat(snapshot.values().get(LOG)).containsExactly("a");
        assertThat(snapshot.next()).extracting(PlannedTask::node).containsExactly("b");
        assertThatThrownBy(() -> graph.state(THREAD, CheckpointId.of("nope")))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("thread t has no checkpoint nope");
    }

    @Test
    @DisplayName("check 12: a fork from an old checkpoint adds children to it and never changes stored history")
    void check12ForkAddsABranchWithoutChangingHistory() {
        var graph = abc();
        graph.invoke(Input.none(), CONFIG);
        var before = graph.history(THREAD, 100);
        var fork = atStep(before, 1).checkpoint().id();
        int puts = store.puts().size();

        var outcome = graph.invoke(Input.none(), CONFIG.fromCheckpoint(fork));

        assertThat(outcome.state().get(LOG)).containsExactly("a", "b", "c");
        var added = store.puts().subList(puts, store.puts().size()).stream()
                .map(RecordingStore.Put::checkpoint)
                .toList();
        assertThat(added).extracting(c -> c.step()).containsExactly(2L, 3L);
        assertThat(added.get(0).parentId()).contains(fork);
        assertThat(added.get(1).parentId()).contains(added.get(0).id());
        assertThat(added)
                .extracting(c -> c.id())
                .doesNotContainAnyElementsOf(
                        before.stream().map(s -> s.checkpoint().id()).toList());
        // every entry of the original branch reads exactly as before
        for (var snapshot : before) {
            assertThat(graph.state(THREAD, snapshot.checkpoint().id())).isEqualTo(snapshot);
        }
        assertThat(graph.history(THREAD, 100))
                .hasSize(before.size() + 2)
                .endsWith(before.toArray(StateSnapshot[]::new));
        assertThat(graph.state(THREAD).orElseThrow().checkpoint().id())
                .isEqualTo(added.get(1).id());
    }

    @Test
    void forkWithNewInputStartsANewRunFromTheOldState() {
        var graph = abc();
        graph.invoke(Input.none(), CONFIG);
        var fork = atStep(graph.history(THREAD, 10), 1).checkpoint().id();

        var outcome = graph.invoke(Input.of(LOG, "edited"), CONFIG.fromCheckpoint(fork));

        assertThat(outcome.state().get(LOG)).containsExactly("a", "edited", "a", "b", "c");
        var inputCheckpoint = store.puts().get(4).checkpoint();
        assertThat(inputCheckpoint.source()).isEqualTo(CheckpointSource.INPUT);
        assertThat(inputCheckpoint.parentId()).contains(fork);
    }

    @Test
    void rejectsForkFromUnknownCheckpoint() {
        var graph = abc();
        graph.invoke(Input.none(), CONFIG);

        assertThatThrownBy(() -> graph.invoke(Input.none(), CONFIG.fromCheckpoint(CheckpointId.of("missing"))))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("thread t has no checkpoint missing");
    }

    @Test
    @DisplayName("check 12: updateState as a node plans that node's successors in a new UPDATE checkpoint")
    void check12UpdateStateAsNodeAddsACheckpointPlanningItsSuccessors() {
        var graph = abc();
        graph.invoke(Input.none(), CONFIG);
        var before = graph.history(THREAD, 100);

        var id = graph.updateState(CONFIG, Optional.of("a"), Input.of(LOG, "patched"));

        var latest = graph.state(THREAD).orElseThrow();
        assertThat(latest.checkpoint().id()).isEqualTo(id);
        assertThat(latest.checkpoint().source()).isEqualTo(CheckpointSource.UPDATE);
        assertThat(latest.checkpoint().parentId())
                .contains(before.get(0).checkpoint().id());
        assertThat(latest.checkpoint().step()).isEqualTo(4);
        assertThat(latest.next()).extracting(PlannedTask::node).containsExactly("b");
        assertThat(latest.values().get(LOG)).containsExactly("a", "b", "c", "patched");
        for (var snapshot : before) {
            assertThat(graph.state(THREAD, snapshot.checkpoint().id())).isEqualTo(snapshot);
        }

        var resumed = graph.resume(CONFIG);

        assertThat(resumed.state().get(LOG)).containsExactly("a", "b", "c", "patched", "b", "c");
    }

    @Test
    void updateStateWithoutNodeKeepsTheNextTasks() {
        var graph = abc("b");
        assertThat(graph.invoke(Input.none(), CONFIG)).isInstanceOf(RunOutcome.Interrupted.class);
        var paused = graph.state(THREAD).orElseThrow();

        graph.updateState(CONFIG, Optional.empty(), Input.of(LOG, "reviewed"));

        var latest = graph.state(THREAD).orElseThrow();
        assertThat(latest.checkpoint().source()).isEqualTo(CheckpointSource.UPDATE);
        assertThat(latest.checkpoint().parentId()).contains(paused.checkpoint().id());
        assertThat(latest.next()).extracting(PlannedTask::node).containsExactly("b");
        assertThat(latest.values().get(LOG)).containsExactly("a", "reviewed");
        assertThat(graph.state(THREAD, paused.checkpoint().id())).isEqualTo(paused);

        var outcome = graph.resume(CONFIG);

        assertThat(outcome.state().get(LOG)).containsExactly("a", "reviewed", "b", "c");
    }

    @Test
    void updateStateOnAnOldCheckpointBranchesFromIt() {
        var graph = abc();
        graph.invoke(Input.none(), CONFIG);
        var old = atStep(graph.history(THREAD, 10), 1).checkpoint().id();

        var id = graph.updateState(CONFIG.fromCheckpoint(old), Optional.empty(), Input.of(LOG, "x"));

        var updated = graph.state(THREAD, id);
        assertThat(updated.checkpoint().parentId()).contains(old);
        assertThat(updated.values().get(LOG)).containsExactly("a", "x");
        assertThat(updated.next()).extracting(PlannedTask::node).containsExactly("b");
    }

    @Test
    void rejectsUpdateStateAsUnknownNode() {
        var graph = abc();

        assertThatThrownBy(() -> graph.updateState(CONFIG, Optional.of("ghost"), Input.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown node 'ghost'; known nodes: [a, b, c]");
    }
}
