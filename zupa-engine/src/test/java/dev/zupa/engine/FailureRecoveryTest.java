package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointSource;
import dev.zupa.engine.checkpoint.PendingWrite;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FailureRecoveryTest {
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
    static final Channel<String, String> KEPT = Channel.lastValue("kept", String.class);

    private final AtomicInteger aRuns = new AtomicInteger();
    private final AtomicInteger bRuns = new AtomicInteger();

    /** START → a, b (parallel) → END; b fails on its first attempt only. */
    private Graph flakySibling(RecordingStore store) {
        return builder(store)
                .channels(LOG, KEPT)
                .node("a", ctx -> {
                    aRuns.incrementAndGet();
                    ctx.write(LOG, "a done");
                })
                .node("b", ctx -> {
                    if (bRuns.incrementAndGet() == 1) {
                        throw new IllegalStateException("b is flaky");
                    }
                    ctx.write(LOG, "b done, kept=" + ctx.state().get(KEPT));
                })
                .edge(Graph.START, "a")
                .edge(Graph.START, "b")
                .edge("a", Graph.END)
                .edge("b", Graph.END)
                .build();
    }

    @Test
    @DisplayName("check 8: a failing node fails the run with node, step and thread, and commits no checkpoint")
    void check08FailedNodeFailsTheRunWithoutCommittingTheStep() {
        var store = new RecordingStore();
        var graph = flakySibling(store);
        var thread = ThreadId.of("t-fail");

        assertThatThrownBy(() -> graph.invoke(Input.of(KEPT, "earlier"), RunConfig.forThread(thread)))
                .isInstanceOfSatisfying(NodeExecutionException.class, e -> {
                    assertThat(e.node()).isEqualTo("b");
                    assertThat(e.step()).isEqualTo(1);
                    assertThat(e.threadId()).isEqualTo(thread);
                    assertThat(e.taskId()).endsWith("/b");
                })
                .hasMessageContaining("node 'b' failed in step 1 of thread t-fail after 1 attempt")
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("b is flaky");

        var history = graph.history(thread, 10);
        assertThat(history).hasSize(1);
        var latest = history.get(0);
        assertThat(latest.checkpoint().source()).isEqualTo(CheckpointSource.INPUT);
        assertThat(latest.next()).extracting(PlannedTask::node).containsExactly("a", "b");
        assertThat(latest.values().get(LOG)).isEmpty();
        // a's finished work is kept as a pending write against the checkpoint the step started from
        assertThat(store.pendingWrites()).hasSize(1);
        var pending = store.pendingWrites().get(0);
        assertThat(pending.checkpointId()).isEqualTo(latest.checkpoint().id());
        assertThat(pending.writes())
                .extracting(PendingWrite::kind, w -> w.taskId().endsWith("/a"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PendingWrite.Kind.RESULT, true));
    }

    @Test
    @DisplayName("check 8: resume re-runs only the failed node, with the earlier values intact")
    void check08ResumeRerunsOnlyTheFailedNode() {
        var graph = flakySibling(new RecordingStore());
        var config = RunConfig.forThread("t");
        assertThatThrownBy(() -> graph.invoke(Input.of(KEPT, "earlier"), config))
                .isInstanceOf(NodeExecutionException.class);

        var outcome = graph.resume(config);

        assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
        assertThat(aRuns).hasValue(1);
        assertThat(bRuns).hasValue(2);
        assertThat(outcome.state().get(LOG)).containsExactly("a done", "b done, kept=earlier");
        assertThat(outcome.state().get(KEPT)).isEqualTo("earlier");
        assertThat(graph.state(ThreadId.of("t")).orElseThrow().finished()).isTrue();
    }

    @Test
    @DisplayName("check 8: invoking the thread again without input also re-runs only the failed node")
    void check08InvokeWithoutInputContinuesTheFailedStep() {
        var graph = flakySibling(new RecordingStore());
        assertThatThrownBy(() -> graph.invoke(Input.of(KEPT, "first"), "t")).isInstanceOf(NodeExecutionException.class);

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(aRuns).hasValue(1);
        assertThat(bRuns).hasValue(2);
        assertThat(outcome.state().get(LOG)).containsExactly("a done", "b done, kept=first");
    }

    @Test
    void newInputOnAFailedThreadIsRefused() {
        var graph = flakySibling(new RecordingStore());
        assertThatThrownBy(() -> graph.invoke(Input.of(KEPT, "first"), "t")).isInstanceOf(NodeExecutionException.class);

        assertThatThrownBy(() -> graph.invoke(Input.of(KEPT, "new"), "t"))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("thread t has an unfinished run (next: [a, b])")
                .hasMessageContaining("Graph.resume");
    }

    @Test
    void severalFailuresReportTheFirstAndSuppressTheOthers() {
        var graph = builder()
                .node("p", ctx -> {
                    throw new IllegalStateException("p broke");
                })
                .node("q", ctx -> {
                    throw new IllegalArgumentException("q broke");
                })
                .edge(Graph.START, "p")
                .edge(Graph.START, "q")
                .edge("p", Graph.END)
                .edge("q", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("node 'p'")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .singleElement()
                        .extracting(Throwable::getMessage)
                        .isEqualTo("q broke"));
    }

    @Test
    @DisplayName("check 14: goTo an unknown node fails the task with an error naming the node; nothing is committed")
    void check14GoToUnknownNodeNamesIt() {
        var graph = builder()
                .node("router", ctx -> ctx.goTo("nowhere"))
                .edge(Graph.START, "router")
                .edge("router", Graph.END)
                .build();
        var thread = ThreadId.of("t");

        assertThatThrownBy(() -> graph.invoke(Input.none(), RunConfig.forThread(thread)))
                .isInstanceOf(NodeExecutionException.class)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 'router' routes to unknown node 'nowhere'");
        assertThat(graph.history(thread, 10)).hasSize(1);
    }

    @Test
    @DisplayName("check 14: a stored plan naming a node the graph lacks fails with an error naming the node")
    void check14StoredPlanWithUnknownNodeNamesIt() {
        var store = new RecordingStore();
        var old = builder(store)
                .node("first", ctx -> {})
                .node("retired", ctx -> {})
                .edge(Graph.START, "first")
                .edge("first", "retired")
                .edge("retired", Graph.END)
                .interruptBefore("retired")
                .build();
        var config = RunConfig.forThread("t");
        assertThat(old.invoke(Input.none(), config)).isInstanceOf(RunOutcome.Interrupted.class);
        int stored = store.puts().size();
        var current = builder(store)
                .node("first", ctx -> {})
                .edge(Graph.START, "first")
                .edge("first", Graph.END)
                .build();

        assertThatThrownBy(() -> current.resume(config))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("plans node 'retired', which this graph does not have");
        assertThat(store.puts()).hasSize(stored);
    }
}
