package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.event.RunEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamingTest {
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
    static final Duration WORK = Duration.ofMillis(20);

    /** START → a (emits a token, works for 20 ms) → b → END. */
    private static Graph twoSteps() {
        return builder()
                .channel(LOG)
                .node("a", ctx -> {
                    ctx.emit("token", "hello");
                    busy(WORK);
                    ctx.write(LOG, "a");
                })
                .node("b", ctx -> ctx.write(LOG, "b"))
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", Graph.END)
                .build();
    }

    private static void busy(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static List<RunEvent> drain(RunStream stream) {
        var events = new ArrayList<RunEvent>();
        try (stream) {
            while (stream.hasNext()) {
                events.add(stream.next());
            }
        }
        return events;
    }

    /** A compact, deterministic description of an event (no ids or durations). */
    private static String describe(RunEvent event) {
        return switch (event) {
            case RunEvent.StepStarted e -> "StepStarted " + e.step() + " " + e.nodes();
            case RunEvent.StepFinished e -> "StepFinished " + e.step() + " " + e.updatedChannels();
            case RunEvent.NodeStarted e -> "NodeStarted " + e.node() + " #" + e.attempt();
            case RunEvent.NodeFinished e -> "NodeFinished " + e.node() + " " + e.outcome();
            case RunEvent.Writes e -> "Writes " + e.node() + " " + e.writes();
            case RunEvent.Custom e -> "Custom " + e.node() + " " + e.name() + "=" + e.payload();
            case RunEvent.Interrupted e ->
                "Interrupted " + e.interrupts().get(0).node();
            case RunEvent.RunFinished e ->
                "RunFinished " + e.outcome().getClass().getSimpleName();
            case RunEvent.RunFailed e -> "RunFailed " + e.error().getClass().getSimpleName();
        };
    }

    @Test
    void streamYieldsStepNodeCustomAndEndEventsInOrder() {
        var graph = twoSteps();

        var events = drain(graph.stream(Input.none(), RunConfig.forThread("t")));

        assertThat(events)
                .extracting(StreamingTest::describe)
                .containsExactly(
                        "StepStarted 1 [a]",
                        "NodeStarted a #1",
                        "Custom a token=hello",
                        "Writes a {log=[a]}",
                        "NodeFinished a SUCCEEDED",
                        "StepFinished 1 [log]",
                        "StepStarted 2 [b]",
                        "NodeStarted b #1",
                        "Writes b {log=[b]}",
                        "NodeFinished b SUCCEEDED",
                        "StepFinished 2 [log]",
                        "RunFinished Completed");
        assertThat(events)
                .allMatch(e ->
                        e.threadId().equals(ThreadId.of("t")) && e.namespace().isEmpty());
        var outcome = ((RunEvent.RunFinished) events.get(events.size() - 1)).outcome();
        assertThat(outcome.state().get(LOG)).containsExactly("a", "b");
    }

    @Test
    @DisplayName("check 15: every node completion reports thread, node, duration and outcome")
    void check15NodeFinishedCarriesThreadNodeDurationAndOutcome() {
        var events = drain(twoSteps().stream(Input.none(), RunConfig.forThread("t")));

        var finished = events.stream()
                .filter(RunEvent.NodeFinished.class::isInstance)
                .map(RunEvent.NodeFinished.class::cast)
                .toList();
        assertThat(finished).hasSize(2);
        var a = finished.get(0);
        assertThat(a.threadId()).isEqualTo(ThreadId.of("t"));
        assertThat(a.node()).isEqualTo("a");
        assertThat(a.step()).isEqualTo(1);
        assertThat(a.duration()).isGreaterThanOrEqualTo(WORK);
        assertThat(a.outcome()).isEqualTo(RunEvent.Outcome.SUCCEEDED);
        assertThat(a.error()).isEmpty();
    }

    @Test
    @DisplayName("check 15: a failing node emits NodeFinished FAILED, then the run fails")
    void check15FailingNodeEmitsFailedEvent() {
        var graph = builder()
                .node("boom", ctx -> {
                    throw new IllegalStateException("kaput");
                })
                .edge(Graph.START, "boom")
                .edge("boom", Graph.END)
                .build();

        var stream = graph.stream(Input.none(), RunConfig.forThread("t"));
        var events = new ArrayList<RunEvent>();
        while (stream.hasNext()) {
            events.add(stream.next());
        }

        assertThat(events)
                .extracting(StreamingTest::describe)
                .containsExactly(
                        "StepStarted 1 [boom]",
                        "NodeStarted boom #1",
                        "NodeFinished boom FAILED",
                        "RunFailed NodeExecutionException");
        var failed = (RunEvent.NodeFinished) events.get(2);
        assertThat(failed.error()).contains("kaput");
        assertThatThrownBy(stream::outcome)
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("node 'boom'");
        stream.close();
    }

    @Test
    void interruptEmitsInterruptedThenRunFinished() {
        var graph = builder()
                .node("ask", ctx -> ctx.interrupt("sure?", String.class))
                .edge(Graph.START, "ask")
                .edge("ask", Graph.END)
                .build();

        var events = drain(graph.stream(Input.none(), RunConfig.forThread("t")));

        assertThat(events)
                .extracting(StreamingTest::describe)
                .containsExactly(
                        "StepStarted 1 [ask]",
                        "NodeStarted ask #1",
                        "NodeFinished ask INTERRUPTED",
                        "Interrupted ask",
                        "RunFinished Interrupted");
        var interrupted = (RunEvent.Interrupted) events.get(3);
        assertThat(interrupted.interrupts().get(0).payload().asText()).isEqualTo("sure?");
    }

    @Test
    void retriedNodeEmitsOneStartPerAttempt() {
        var graph = builder()
                .node(
                        "flaky",
                        ctx -> {
                            if (ctx.attempt() == 1) {
                                throw new IllegalStateException("once");
                            }
                        },
                        NodeOptions.defaults()
                                .retry(RetryPolicy.attempts(2).backoff(Duration.ZERO, 1, Duration.ZERO, 0)))
                .edge(Graph.START, "flaky")
                .edge("flaky", Graph.END)
                .build();

        var events = drain(graph.stream(Input.none(), RunConfig.forThread("t")));

        assertThat(events)
                .extracting(StreamingTest::describe)
                .containsSubsequence("NodeStarted flaky #1", "NodeStarted flaky #2", "NodeFinished flaky SUCCEEDED");
    }

    @Test
    void writesEventGroupsATasksUpdatesByChannelInWriteOrder() {
        var sum = Channel.reducer("sum", Integer.class, Integer::sum, 0);
        var graph = builder()
                .channels(LOG, sum)
                .node("many", ctx -> {
                    ctx.write(LOG, "first");
                    ctx.write(sum, 1);
                    ctx.write(LOG, "second");
                })
                .edge(Graph.START, "many")
                .edge("many", Graph.END)
                .build();

        var events = drain(graph.stream(Input.none(), RunConfig.forThread("t")));

        var writes = events.stream()
                .filter(RunEvent.Writes.class::isInstance)
                .map(RunEvent.Writes.class::cast)
                .toList();
        assertThat(writes).singleElement().satisfies(w -> {
            assertThat(w.node()).isEqualTo("many");
            assertThat(w.step()).isEqualTo(1);
            assertThat(w.writes()).containsOnlyKeys("log", "sum");
            assertThat(w.writes().get("log")).containsExactly("first", "second");
            assertThat(w.writes().get("sum")).containsExactly(1);
        });
    }

    @Test
    void streamWorksAsAJavaStream() {
        var graph = twoSteps();

        List<String> customs;
        try (var events = graph.stream(Input.none(), RunConfig.forThread("t")).stream()) {
            customs = events.filter(RunEvent.Custom.class::isInstance)
                    .map(e -> ((RunEvent.Custom) e).payload().toString())
                    .toList();
        }

        assertThat(customs).containsExactly("hello");
    }

    @Test
    void outcomeWaitsForTheRunAndSkipsTheEvents() {
        var graph = twoSteps();

        try (var stream = graph.stream(Input.none(), RunConfig.forThread("t"))) {
            assertThat(stream.outcome().state().get(LOG)).containsExactly("a", "b");
        }
    }

    @Test
    void listenerInTheConfigReceivesTheSameEventsAsTheStream() {
        var graph = twoSteps();
        var heard = new CopyOnWriteArrayList<RunEvent>();

        var streamed = drain(graph.stream(Input.none(), RunConfig.forThread("t").listener(heard::add)));

        assertThat(heard).containsExactlyElementsOf(streamed);
    }

    @Test
    void listenerReceivesEventsOfAPlainInvoke() {
        var heard = new CopyOnWriteArrayList<RunEvent>();

        twoSteps().invoke(Input.none(), RunConfig.forThread("t").listener(heard::add));

        assertThat(heard)
                .extracting(StreamingTest::describe)
                .startsWith("StepStarted 1 [a]", "NodeStarted a #1", "Custom a token=hello")
                .endsWith("RunFinished Completed");
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheRun() {
        var heard = new CopyOnWriteArrayList<RunEvent>();
        var config = RunConfig.forThread("t")
                .listener(e -> {
                    throw new IllegalStateException("listener broke");
                })
                .listener(heard::add);

        var outcome = twoSteps().invoke(Input.none(), config);

        assertThat(outcome.state().get(LOG)).containsExactly("a", "b");
        assertThat(heard).hasSize(12).last().isInstanceOf(RunEvent.RunFinished.class);
    }

    @Test
    void closingTheStreamCancelsTheRunAndTheThreadCanBeResumed() throws InterruptedException {
        var never = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        var runs = new AtomicInteger();
        var graph = builder()
                .channel(LOG)
                .node("slow", ctx -> {
                    if (runs.incrementAndGet() == 1) {
                        started.countDown();
                        if (!never.await(20, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("was not cancelled");
                        }
                    }
                    ctx.write(LOG, "done on run " + runs.get());
                })
                .edge(Graph.START, "slow")
                .edge("slow", Graph.END)
                .build();
        var config = RunConfig.forThread("t");

        var stream = graph.stream(Input.none(), config);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        stream.close();

        // waits for the cancelled run to let go of the thread, then continues from its last checkpoint
        var outcome = graph.resume(config);

        assertThat(outcome.state().get(LOG)).containsExactly("done on run 2");
    }

    @Test
    void cancellingARunWhileANodeBlocksFailsTheRunAsCancelledWithoutRetrying() throws InterruptedException {
        var started = new CountDownLatch(1);
        var attempts = new AtomicInteger();
        var graph = builder()
                .channel(LOG)
                .node(
                        "slow",
                        ctx -> {
                            attempts.incrementAndGet();
                            started.countDown();
                            new CountDownLatch(1).await(20, TimeUnit.SECONDS);
                            ctx.write(LOG, "not cancelled");
                        },
                        NodeOptions.defaults()
                                .retry(RetryPolicy.attempts(5).backoff(Duration.ZERO, 1, Duration.ZERO, 0)))
                .edge(Graph.START, "slow")
                .edge("slow", Graph.END)
                .build();

        var stream = graph.stream(Input.none(), RunConfig.forThread("t"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        stream.close();

        assertThatThrownBy(stream::outcome).isInstanceOf(RunCancelledException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aListenerThatThrowsAnErrorDoesNotBreakTheRun() {
        var config = RunConfig.forThread("t").listener(e -> {
            throw new AssertionError("listener broke");
        });

        var outcome = twoSteps().invoke(Input.none(), config);

        assertThat(outcome.state().get(LOG)).containsExactly("a", "b");
    }

    @Test
    void eventsOfAParallelStepAreAllReported() {
        var graph = builder()
                .node("p", ctx -> ctx.emit("from", "p"))
                .node("q", ctx -> ctx.emit("from", "q"))
                .edge(Graph.START, "p")
                .edge(Graph.START, "q")
                .edge("p", Graph.END)
                .edge("q", Graph.END)
                .build();

        var events = drain(graph.stream(Input.none(), RunConfig.forThread("t")));

        assertThat(events).extracting(StreamingTest::describe).first().isEqualTo("StepStarted 1 [p, q]");
        assertThat(events)
                .extracting(StreamingTest::describe)
                .contains("Custom p from=p", "Custom q from=q", "NodeFinished p SUCCEEDED", "NodeFinished q SUCCEEDED")
                .endsWith("StepFinished 1 []", "RunFinished Completed");
    }
}
