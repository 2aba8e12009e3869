package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.Interrupt;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InterruptTest {
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
    static final Channel<String, String> ANSWER = Channel.lastValue("answer", String.class);

    /** What a node asks: a structured payload, stored as JSON. */
    record Question(String text, List<String> options) {}

    private final AtomicInteger askRuns = new AtomicInteger();
    private final AtomicInteger siblingRuns = new AtomicInteger();

    /** START → ask (interrupts) and sibling (succeeds) in parallel → done → END. */
    private Graph askingGraph() {
        return builder()
                .channels(LOG, ANSWER)
                .node("ask", ctx -> {
                    askRuns.incrementAndGet();
                    var answer = ctx.interrupt(new Question("Proceed?", List.of("yes", "no")), String.class);
                    ctx.write(ANSWER, answer);
                })
                .node("sibling", ctx -> {
                    siblingRuns.incrementAndGet();
                    ctx.write(LOG, "sibling done");
                })
                .node("done", ctx -> ctx.write(LOG, "done with " + ctx.state().get(ANSWER)))
                .edge(Graph.START, "ask")
                .edge(Graph.START, "sibling")
                .edge("ask", "done")
                .edge("sibling", "done")
                .edge("done", Graph.END)
                .build();
    }

    @Test
    @DisplayName("check 9: an interrupt pauses the run; its payload is readable from the outcome and the state")
    void check09InterruptPausesWithReadablePayload() throws Exception {
        var graph = askingGraph();
        var thread = ThreadId.of("t");

        var outcome = graph.invoke(Input.none(), RunConfig.forThread(thread));

        assertThat(outcome).isInstanceOf(RunOutcome.Interrupted.class);
        var interrupts = ((RunOutcome.Interrupted) outcome).interrupts();
        assertThat(interrupts).singleElement().satisfies(i -> {
            assertThat(i.node()).isEqualTo("ask");
            assertThat(i.kind()).isEqualTo(Interrupt.Kind.DYNAMIC);
            assertThat(i.payload().path("text").asText()).isEqualTo("Proceed?");
        });
        var question = dev.zupa.core.json.JsonCodec.defaults()
                .mapper()
                .treeToValue(interrupts.get(0).payload(), Question.class);
        assertThat(question).isEqualTo(new Question("Proceed?", List.of("yes", "no")));

        var snapshot = graph.state(thread).orElseThrow();
        assertThat(snapshot.interrupts()).isEqualTo(interrupts);
        assertThat(snapshot.next()).extracting(PlannedTask::node).containsExactly("ask", "sibling");
        assertThat(snapshot.finished()).isFalse();
    }

    @Test
    @DisplayName("check 9/10: resume with a value re-runs the paused node only; the sibling's writes are kept")
    void check10ResumeAnswersTheInterruptAndKeepsTheSiblingsWork() {
        var graph = askingGraph();
        var config = RunConfig.forThread("t");
        graph.invoke(Input.none(), config);

        var outcome = graph.resume(config, "yes");

        assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
        assertThat(outcome.state().get(ANSWER)).isEqualTo("yes");
        assertThat(outcome.state().get(LOG)).containsExactly("sibling done", "done with yes");
        assertThat(siblingRuns).hasValue(1);
        assertThat(askRuns).hasValue(2);
        assertThat(graph.state(ThreadId.of("t")).orElseThrow().interrupts()).isEmpty();
    }

    @Test
    void aNodeThatInterruptsTwiceNeedsTwoResumes() {
        var seen = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .channel(ANSWER)
                .node("form", ctx -> {
                    var name = ctx.interrupt("name?", String.class);
                    seen.add("got name " + name);
                    var age = ctx.interrupt("age?", Integer.class);
                    ctx.write(ANSWER, name + " is " + age);
                })
                .edge(Graph.START, "form")
                .edge("form", Graph.END)
                .build();
        var config = RunConfig.forThread("t");

        var first = graph.invoke(Input.none(), config);
        var second = graph.resume(config, "Ada");
        var third = graph.resume(config, 36);

        assertThat(first).isInstanceOfSatisfying(RunOutcome.Interrupted.class, i -> assertThat(
                        i.interrupts().get(0).payload().asText())
                .isEqualTo("name?"));
        assertThat(second).isInstanceOfSatisfying(RunOutcome.Interrupted.class, i -> assertThat(
                        i.interrupts().get(0).payload().asText())
                .isEqualTo("age?"));
        assertThat(third).isInstanceOf(RunOutcome.Completed.class);
        assertThat(third.state().get(ANSWER)).isEqualTo("Ada is 36");
        assertThat(seen).containsExactly("got name Ada", "got name Ada");
    }

    @Test
    void twoNodesInterruptingInOneStepAreAnsweredInTaskOrder() {
        var graph = builder()
                .channel(LOG)
                .node("p", ctx -> ctx.write(LOG, "p got " + ctx.interrupt("p?", String.class)))
                .node("q", ctx -> ctx.write(LOG, "q got " + ctx.interrupt("q?", String.class)))
                .edge(Graph.START, "p")
                .edge(Graph.START, "q")
                .edge("p", Graph.END)
                .edge("q", Graph.END)
                .build();
        var config = RunConfig.forThread("t");

        var first = graph.invoke(Input.none(), config);
        var second = graph.resume(config, "one");
        var third = graph.resume(config, "two");

        assertThat(((RunOutcome.Interrupted) first).interrupts())
                .extracting(Interrupt::node)
                .containsExactly("p", "q");
        assertThat(((RunOutcome.Interrupted) second).interrupts())
                .extracting(Interrupt::node)
                .containsExactly("q");
        assertThat(third.state().get(LOG)).containsExactly("p got one", "q got two");
    }

    @Test
    @DisplayName("check 10: resuming a finished thread fails with a clear error")
    void check10ResumeOfFinishedThreadFails() {
        var graph = askingGraph();
        var config = RunConfig.forThread("t");
        graph.invoke(Input.none(), config);
        graph.resume(config, "yes");

        assertThatThrownBy(() -> graph.resume(config))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("thread t has finished its run; there is nothing to resume");
        assertThatThrownBy(() -> graph.resume(config, "again"))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("has finished its run");
    }

    @Test
    @DisplayName("check 10: resuming an unknown thread fails with a clear error")
    void check10ResumeOfUnknownThreadFails() {
        var graph = askingGraph();

        assertThatThrownBy(() -> graph.resume(RunConfig.forThread("ghost")))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("thread ghost has no checkpoint to resume; start it with Graph.invoke");
        assertThatThrownBy(() -> graph.resume(RunConfig.forThread("ghost"), "value"))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("thread ghost has no checkpoint to resume");
    }

    @Test
    void resumeWithAValueWhenNoNodeWaitsFails() {
        var graph = builder()
                .channel(LOG)
                .node("a", ctx -> ctx.write(LOG, "a"))
                .node("b", ctx -> ctx.write(LOG, "b"))
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", Graph.END)
                .interruptBefore("b")
                .build();
        var config = RunConfig.forThread("t");
        graph.invoke(Input.none(), config);

        assertThatThrownBy(() -> graph.resume(config, "unwanted"))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("no node of thread t waits for a value")
                .hasMessageContaining("resume it without a value");
        // the refused value left nothing behind: a plain resume still works
        assertThat(graph.resume(config).state().get(LOG)).containsExactly("a", "b");
    }

    @Test
    void newInputOnAnInterruptedThreadIsRefused() {
        var graph = askingGraph();
        graph.invoke(Input.none(), "t");

        assertThatThrownBy(() -> graph.invoke(Input.of(LOG, "more"), "t"))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("thread t has an unfinished run (next: [ask, sibling])");
    }

    @Test
    void interruptBeforePausesAndResumeContinues() {
        var runs = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .channel(LOG)
                .node("draft", ctx -> runs.add("draft"))
                .node("publish", ctx -> runs.add("publish"))
                .edge(Graph.START, "draft")
                .edge("draft", "publish")
                .edge("publish", Graph.END)
                .interruptBefore("publish")
                .build();
        var config = RunConfig.forThread("t");

        var paused = graph.invoke(Input.none(), config);

        assertThat(paused).isInstanceOfSatisfying(RunOutcome.Interrupted.class, i -> assertThat(i.interrupts())
                .singleElement()
                .satisfies(interrupt -> {
                    assertThat(interrupt.node()).isEqualTo("publish");
                    assertThat(interrupt.kind()).isEqualTo(Interrupt.Kind.BEFORE);
                }));
        assertThat(runs).containsExactly("draft");
        assertThat(graph.state(ThreadId.of("t")).orElseThrow().interrupts())
                .extracting(Interrupt::kind)
                .containsExactly(Interrupt.Kind.BEFORE);

        var outcome = graph.resume(config);

        assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
        assertThat(runs).containsExactly("draft", "publish");
    }

    @Test
    void interruptBeforeTheFirstNodePausesBeforeItRuns() {
        var runs = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .node("first", ctx -> runs.add("first"))
                .edge(Graph.START, "first")
                .edge("first", Graph.END)
                .interruptBefore("first")
                .build();
        var config = RunConfig.forThread("t");

        var paused = graph.invoke(Input.none(), config);

        assertThat(paused).isInstanceOf(RunOutcome.Interrupted.class);
        assertThat(runs).isEmpty();
        assertThat(graph.resume(config)).isInstanceOf(RunOutcome.Completed.class);
        assertThat(runs).containsExactly("first");
    }

    @Test
    void interruptAfterPausesAndResumeContinuesWithoutRerunning() {
        var runs = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .channel(LOG)
                .node("draft", ctx -> {
                    runs.add("draft");
                    ctx.write(LOG, "drafted");
                })
                .node("publish", ctx -> runs.add("publish"))
                .edge(Graph.START, "draft")
                .edge("draft", "publish")
                .edge("publish", Graph.END)
                .interruptAfter("draft")
                .build();
        var config = RunConfig.forThread("t");

        var paused = graph.invoke(Input.none(), config);

        assertThat(paused).isInstanceOfSatisfying(RunOutcome.Interrupted.class, i -> assertThat(i.interrupts())
                .extracting(Interrupt::node, Interrupt::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("draft", Interrupt.Kind.AFTER)));
        assertThat(paused.state().get(LOG)).containsExactly("drafted");
        assertThat(runs).containsExactly("draft");

        graph.resume(config);

        assertThat(runs).containsExactly("draft", "publish");
    }

    @Test
    void forkWithInputFromAPausedCheckpointPlansAfreshWithoutTheOldPause() {
        var graph = builder()
                .channel(LOG)
                .node("a", ctx -> ctx.write(LOG, "a"))
                .node("b", ctx -> ctx.write(LOG, "b"))
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", Graph.END)
                .interruptBefore("b")
                .build();
        var config = RunConfig.forThread("t");
        var paused = graph.invoke(Input.none(), config);

        var forked = graph.invoke(Input.of(LOG, "fork"), config.fromCheckpoint(paused.checkpointId()));

        assertThat(forked).isInstanceOf(RunOutcome.Interrupted.class);
        var forkInput = graph.history(ThreadId.of("t"), 10).stream()
                .filter(s -> s.checkpoint().parentId().equals(java.util.Optional.of(paused.checkpointId())))
                .findFirst()
                .orElseThrow();
        assertThat(forkInput.next()).extracting(PlannedTask::node).containsExactly("a");
        assertThat(forkInput.interrupts()).isEmpty();
        assertThat(forked.state().get(LOG)).containsExactly("a", "fork", "a");
    }

    @Test
    void aStaticInterruptPausesAgainOnTheNextRun() {
        var runs = new AtomicInteger();
        var graph = builder()
                .node("a", ctx -> {})
                .node("b", ctx -> runs.incrementAndGet())
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", Graph.END)
                .interruptBefore("b")
                .build();
        var config = RunConfig.forThread("t");
        graph.invoke(Input.none(), config);
        graph.resume(config);

        var again = graph.invoke(Input.none(), config);

        assertThat(again).isInstanceOf(RunOutcome.Interrupted.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aNodeThatSwallowsTheInterruptSignalStillPauses() {
        var graph = builder()
                .channel(ANSWER)
                .node("sneaky", ctx -> {
                    try {
                        ctx.write(ANSWER, ctx.interrupt("ok?", String.class));
                    } catch (Throwable swallowed) {
                        // badly behaved code
                    }
                })
                .edge(Graph.START, "sneaky")
                .edge("sneaky", Graph.END)
                .build();
        var config = RunConfig.forThread("t");

        assertThat(graph.invoke(Input.none(), config)).isInstanceOf(RunOutcome.Interrupted.class);
        assertThat(graph.resume(config, "fine").state().get(ANSWER)).isEqualTo("fine");
    }

    @Test
    void resumeWithoutAValueWhenANodeWaitsForOneFailsClearly() {
        var graph = askingGraph();
        var config = RunConfig.forThread("t");
        graph.invoke(Input.none(), config);

        assertThatThrownBy(() -> graph.resume(config))
                .isInstanceOf(ThreadStateException.class)
                .hasMessageContaining("waits for a value at an interrupt of node 'ask'");
        assertThat(askRuns).hasValue(1);
    }
}
