package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointSource;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SuperStepTest {
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
    static final Channel<String, String> TRAIL = Channel.reducer("trail", String.class, String::concat, "");
    static final Channel<Integer, Integer> SUM = Channel.reducer("sum", Integer.class, Integer::sum, 0);
    static final Channel<String, String> ROUTE = Channel.lastValue("route", String.class);

    @Test
    void fanOutWithRandomDelaysGivesTheSameStateEveryTime() {
        int runs = 1_000;
        int width = 8;
        var random = new Random(42);
        var delays = new long[runs][width];
        for (var row : delays) {
            for (int i = 0; i < width; i++) {
                row[i] = random.nextInt(2_000_001);
            }
        }
        var b = builder().channels(LOG, TRAIL, SUM);
        b.node("seed", ctx -> ctx.write(LOG, "seed"));
        b.edge(Graph.START, "seed");
        for (int i = 0; i < width; i++) {
            int index = i;
            var name = "worker-" + i;
            b.node(name, ctx -> {
                int run = Integer.parseInt(ctx.threadId().value().substring(4));
                LockSupport.parkNanos(delays[run][index]);
                ctx.write(LOG, name);
                ctx.write(TRAIL, Integer.toString(index));
                ctx.write(SUM, index + 1);
            });
            b.edge("seed", name).edge(name, "join");
        }
        b.node("join", ctx -> ctx.write(LOG, "join saw " + ctx.state().get(TRAIL)));
        b.edge("join", Graph.END);
        var graph = b.build();

        var first = graph.invoke(Input.none(), "run-0").state();
        var differing = new ArrayList<Integer>();
        for (int run = 1; run < runs; run++) {
            var state = graph.invoke(Input.none(), "run-" + run).state();
            if (!state.equals(first) || !state.get(LOG).equals(first.get(LOG))) {
                differing.add(run);
            }
        }

        assertThat(differing).isEmpty();
        assertThat(first.get(LOG))
                .containsExactly(
                        "seed",
                        "worker-0",
                        "worker-1",
                        "worker-2",
                        "worker-3",
                        "worker-4",
                        "worker-5",
                        "worker-6",
                        "worker-7",
                        "join saw 01234567");
        assertThat(first.get(SUM)).isEqualTo(36);
    }

    @Test
    @DisplayName("check 5: two parallel nodes routing to different successors by conditional edges schedule both")
    void check05ParallelConditionalEdgesScheduleBothSuccessors() {
        var graph = builder()
                .channels(LOG, ROUTE)
                .node("left", ctx -> ctx.write(LOG, "left"))
                .node("right", ctx -> ctx.write(LOG, "right"))
                .node("x", ctx -> ctx.write(LOG, "x"))
                .node("y", ctx -> ctx.write(LOG, "y"))
                .edge(Graph.START, "left")
                .edge(Graph.START, "right")
                .conditionalEdge("left", s -> "x", List.of("x", "y", Graph.END))
                .conditionalEdge("right", s -> "y", List.of("x", "y", Graph.END))
                .edge("x", Graph.END)
                .edge("y", Graph.END)
                .build();
        var thread = ThreadId.of("t");

        var outcome = graph.invoke(Input.none(), RunConfig.forThread(thread));

        assertThat(outcome.state().get(LOG)).containsExactly("left", "right", "x", "y");
        var afterFirstStep = graph.history(thread, 10).stream()
                .filter(s -> s.checkpoint().step() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(afterFirstStep.next()).extracting(PlannedTask::node).containsExactly("x", "y");
    }

    @Test
    @DisplayName("check 5: two parallel nodes routing with goTo to different successors schedule both")
    void check05ParallelGoToCommandsScheduleBothSuccessors() {
        var graph = builder()
                .channel(LOG)
                .node("left", ctx -> ctx.goTo("x"), NodeOptions.defaults().destinations("x", "y"))
                .node("right", ctx -> ctx.goTo("y"), NodeOptions.defaults().destinations("x", "y"))
                .node("x", ctx -> ctx.write(LOG, "x"))
                .node("y", ctx -> ctx.write(LOG, "y"))
                .edge(Graph.START, "left")
                .edge(Graph.START, "right")
                .edge("x", Graph.END)
                .edge("y", Graph.END)
                .build();

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(outcome.state().get(LOG)).containsExactly("x", "y");
        assertThat(((RunOutcome.Completed) outcome).steps()).isEqualTo(2);
    }

    @Test
    void severalEdgesIntoOneNodeRunItOnce() {
        var runs = new ConcurrentHashMap<String, Integer>();
        var graph = builder()
                .channel(LOG)
                .node("p", ctx -> {})
                .node("q", ctx -> {})
                .node("join", ctx -> runs.merge("join", 1, Integer::sum))
                .edge(Graph.START, "p")
                .edge(Graph.START, "q")
                .edge("p", "join")
                .edge("q", "join")
                .edge("join", Graph.END)
                .build();

        graph.invoke(Input.none(), "t");

        assertThat(runs).containsEntry("join", 1);
    }

    @Test
    void goToEndStopsTheBranch() {
        var graph = builder()
                .channel(LOG)
                .node(
                        "decide",
                        ctx -> ctx.goTo(Graph.END),
                        NodeOptions.defaults().destinations("never"))
                .node("never", ctx -> ctx.write(LOG, "never"))
                .edge(Graph.START, "decide")
                .edge("never", Graph.END)
                .build();

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(outcome.state().get(LOG)).isEmpty();
        assertThat(((RunOutcome.Completed) outcome).steps()).isEqualTo(1);
    }

    @Test
    void conditionalEdgeSeesTheStateAfterTheStepsWrites() {
        var graph = builder()
                .channels(LOG, ROUTE)
                .node("choose", ctx -> ctx.write(ROUTE, "b"))
                .node("a", ctx -> ctx.write(LOG, "a"))
                .node("b", ctx -> ctx.write(LOG, "b"))
                .edge(Graph.START, "choose")
                .conditionalEdge("choose", s -> s.get(ROUTE), List.of("a", "b"))
                .edge("a", Graph.END)
                .edge("b", Graph.END)
                .build();

        assertThat(graph.invoke(Input.none(), "t").state().get(LOG)).containsExactly("b");
    }

    @Test
    void rejectsConditionalEdgeChoosingAnUndeclaredTarget() {
        var graph = builder()
                .channel(LOG)
                .node("a", ctx -> {})
                .node("b", ctx -> {})
                .node("c", ctx -> {})
                .edge(Graph.START, "a")
                .conditionalEdge("a", s -> "c", List.of("b", Graph.END))
                .edge("b", "c")
                .edge("c", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(EdgeRoutingException.class)
                .hasMessageContaining("after node 'a' chose 'c'")
                .hasMessageContaining("not among its declared targets");
    }

    @Test
    @DisplayName("check 1: the bootstrap checkpoint (step 0, INPUT, reduced input, next = first node) is stored first")
    void check01BootstrapCheckpointIsStoredBeforeAnyNodeRuns() {
        var store = new RecordingStore();
        var graph = builder(store)
                .channel(SUM)
                .node("first", ctx -> store.note("first ran"))
                .edge(Graph.START, "first")
                .edge("first", Graph.END)
                .build();

        graph.invoke(Input.of(SUM, 2).and(SUM, 3), "t");

        assertThat(store.log()).startsWith("put INPUT step 0", "first ran", "put LOOP step 1");
        var bootstrap = store.puts().get(0).checkpoint();
        assertThat(bootstrap.step()).isZero();
        assertThat(bootstrap.source()).isEqualTo(CheckpointSource.INPUT);
        assertThat(bootstrap.parentId()).isEmpty();
        assertThat(bootstrap.createdAt()).isEqualTo(Fixtures.NOW);
        assertThat(bootstrap.nextTasks()).extracting(PlannedTask::node).containsExactly("first");
        var state = graph.state(ThreadId.of("t"), bootstrap.id());
        assertThat(state.values().get(SUM)).isEqualTo(5);
    }

    @Test
    @DisplayName("check 2: each super-step commits exactly one LOOP checkpoint: new id, parent = previous, step + 1")
    void check02EachStepCommitsOneCheckpointChainedToThePrevious() {
        var store = new RecordingStore();
        var graph = builder(store)
                .channels(LOG, SUM)
                .node("a", ctx -> ctx.write(LOG, "a"))
                .node("b1", ctx -> ctx.write(SUM, 1))
                .node("b2", ctx -> ctx.write(SUM, 2))
                .node("c", ctx -> ctx.write(LOG, "c"))
                .edge(Graph.START, "a")
                .edge("a", "b1")
                .edge("a", "b2")
                .edge("b1", "c")
                .edge("b2", "c")
                .edge("c", Graph.END)
                .build();

        var outcome = graph.invoke(Input.none(), "t");

        var checkpoints =
                store.puts().stream().map(RecordingStore.Put::checkpoint).toList();
        assertThat(checkpoints).extracting(c -> c.step()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(checkpoints)
                .extracting(c -> c.source())
                .containsExactly(
                        CheckpointSource.INPUT, CheckpointSource.LOOP, CheckpointSource.LOOP, CheckpointSource.LOOP);
        assertThat(checkpoints).extracting(c -> c.id()).doesNotHaveDuplicates();
        for (int i = 1; i < checkpoints.size(); i++) {
            assertThat(checkpoints.get(i).parentId())
                    .contains(checkpoints.get(i - 1).id());
        }
        assertThat(checkpoints)
                .extracting(c -> c.nextTasks().stream().map(PlannedTask::node).toList())
                .containsExactly(List.of("a"), List.of("b1", "b2"), List.of("c"), List.of());
        // each step stores only the channels it changed
        assertThat(store.puts())
                .extracting(p -> p.blobs().stream().map(b -> b.channel()).toList())
                .containsExactly(List.of(), List.of("log"), List.of("sum"), List.of("log"));
        assertThat(outcome.checkpointId()).isEqualTo(checkpoints.get(3).id());
        assertThat(graph.history(ThreadId.of("t"), 10))
                .extracting(s -> s.checkpoint().id())
                .containsExactlyElementsOf(
                        reversed(checkpoints.stream().map(c -> c.id()).toList()));
    }

    @Test
    void aSecondRunOnAThreadContinuesTheStepNumbersAndParentChain() {
        var store = new RecordingStore();
        var graph = builder(store)
                .channel(LOG)
                .node("a", ctx -> ctx.write(LOG, "a"))
                .edge(Graph.START, "a")
                .edge("a", Graph.END)
                .build();

        graph.invoke(Input.none(), "t");
        graph.invoke(Input.of(LOG, "again"), "t");

        var checkpoints =
                store.puts().stream().map(RecordingStore.Put::checkpoint).toList();
        assertThat(checkpoints).extracting(c -> c.step()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(checkpoints.get(2).source()).isEqualTo(CheckpointSource.INPUT);
        assertThat(checkpoints.get(2).parentId()).contains(checkpoints.get(1).id());
    }

    @Test
    void tasksOfAStepRunConcurrently() {
        int width = 8;
        var barrier = new CyclicBarrier(width);
        var passed = ConcurrentHashMap.<String>newKeySet();
        var b = builder().channel(SUM);
        for (int i = 0; i < width; i++) {
            var name = "n" + i;
            b.node(name, ctx -> {
                barrier.await(10, TimeUnit.SECONDS);
                passed.add(ctx.node());
                ctx.write(SUM, 1);
            });
            b.edge(Graph.START, name).edge(name, Graph.END);
        }
        var graph = b.build();

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(passed).hasSize(width);
        assertThat(outcome.state().get(SUM)).isEqualTo(width);
    }

    @Test
    void nodesOfAStepSeeTheStateAtTheStepsStart() {
        var seen = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .channel(SUM)
                .node("p", ctx -> {
                    seen.add("p saw " + ctx.state().get(SUM));
                    ctx.write(SUM, 10);
                })
                .node("q", ctx -> {
                    seen.add("q saw " + ctx.state().get(SUM));
                    ctx.write(SUM, 100);
                })
                .edge(Graph.START, "p")
                .edge(Graph.START, "q")
                .edge("p", Graph.END)
                .edge("q", Graph.END)
                .build();

        var outcome = graph.invoke(Input.of(SUM, 1), "t");

        assertThat(seen).containsExactlyInAnyOrder("p saw 1", "q saw 1");
        assertThat(outcome.state().get(SUM)).isEqualTo(111);
    }

    @Test
    void contextReportsThreadNodeStepAndStableTaskId() {
        var seen = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .node("a", ctx -> seen.add(ctx.threadId() + " " + ctx.node() + " " + ctx.step() + " " + ctx.taskId()))
                .node("b", ctx -> seen.add(ctx.threadId() + " " + ctx.node() + " " + ctx.step() + " " + ctx.taskId()))
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", Graph.END)
                .build();

        graph.invoke(Input.none(), "t");

        // task ids are derived from the checkpoint the step starts from
        assertThat(seen).containsExactly("t a 1 cp-000002/a", "t b 2 cp-000003/b");
    }

    @Test
    void runsOfDifferentThreadsAreIndependent() {
        var graph = builder()
                .channel(SUM)
                .node("a", ctx -> ctx.write(SUM, 1))
                .edge(Graph.START, "a")
                .edge("a", Graph.END)
                .build();

        graph.invoke(Input.none(), "one");
        graph.invoke(Input.none(), "one");
        var other = graph.invoke(Input.none(), "two");

        assertThat(other.state().get(SUM)).isEqualTo(1);
        assertThat(graph.state(ThreadId.of("one")).orElseThrow().values().get(SUM))
                .isEqualTo(2);
        assertThat(graph.state(ThreadId.of("nobody"))).isEqualTo(Optional.empty());
        assertThat(graph.history(ThreadId.of("nobody"), 5)).isEmpty();
        assertThat(Set.of(other.checkpointId()))
                .doesNotContain(graph.state(ThreadId.of("one"))
                        .orElseThrow()
                        .checkpoint()
                        .id());
    }

    @Test
    void runMetadataIsStoredInEveryCheckpoint() {
        var store = new RecordingStore();
        var graph = builder(store)
                .node("a", ctx -> {})
                .node("b", ctx -> {})
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", Graph.END)
                .build();

        graph.invoke(Input.none(), RunConfig.forThread("t").metadata("correlation", "c-42"));

        assertThat(store.puts())
                .hasSize(3)
                .allSatisfy(p -> assertThat(p.checkpoint().metadata()).containsEntry("correlation", "c-42"));
    }

    @Test
    void concurrentInvokesOfOneThreadAreSerialised() throws InterruptedException {
        var graph = builder()
                .channel(SUM)
                .node("add", ctx -> {
                    LockSupport.parkNanos(100_000);
                    ctx.write(SUM, 1);
                })
                .edge(Graph.START, "add")
                .edge("add", Graph.END)
                .build();
        var callers = new ArrayList<Thread>();
        var failures = new CopyOnWriteArrayList<Throwable>();
        for (int i = 0; i < 4; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int n = 0; n < 10; n++) {
                        graph.invoke(Input.none(), "shared");
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (var caller : callers) {
            caller.join();
        }

        assertThat(failures).isEmpty();
        var history = graph.history(ThreadId.of("shared"), 1_000);
        assertThat(history.get(0).values().get(SUM)).isEqualTo(40);
        assertThat(history).hasSize(80);
        // one unbroken chain: every checkpoint's parent is the one stored before it
        for (int i = 0; i < history.size() - 1; i++) {
            assertThat(history.get(i).checkpoint().parentId())
                    .contains(history.get(i + 1).checkpoint().id());
        }
    }

    private static List<CheckpointId> reversed(List<CheckpointId> ids) {
        var copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
