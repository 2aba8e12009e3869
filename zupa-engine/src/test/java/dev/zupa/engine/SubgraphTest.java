package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SubgraphTest {
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
    static final Channel<String, String> LAST = Channel.lastValue("last", String.class);
    static final Channel<Integer, Integer> CHILD_ONLY = Channel.lastValue("childOnly", Integer.class);

    private static Graph parentAround(Graph child, CheckpointStore store) {
        return builder(store)
                .channels(LOG, LAST)
                .node("before", ctx -> ctx.write(LOG, "before"))
                .subgraph("sub", child)
                .node(
                        "after",
                        ctx -> ctx.write(
                                LOG, "after saw " + ctx.state().find(LAST).orElse("nothing")))
                .edge(Graph.START, "before")
                .edge("before", "sub")
                .edge("sub", "after")
                .edge("after", Graph.END)
                .build();
    }

    @Test
    void childSharesChannelsWithItsParent() {
        var child = Graph.builder()
                .channels(LOG, LAST, CHILD_ONLY)
                .node("c1", ctx -> {
                    ctx.write(LOG, "child saw " + ctx.state().get(LOG));
                    ctx.write(CHILD_ONLY, 7);
                })
                .node("c2", ctx -> {
                    ctx.write(LOG, "child again");
                    ctx.write(LAST, "from child");
                })
                .edge(Graph.START, "c1")
                .edge("c1", "c2")
                .edge("c2", Graph.END)
                .build();
        var parent = parentAround(child, new RecordingStore());

        var outcome = parent.invoke(Input.of(LAST, "from parent"), "t");

        assertThat(outcome.state().get(LOG))
                .containsExactly("before", "child saw [before]", "child again", "after saw from child");
        assertThat(outcome.state().get(LAST)).isEqualTo("from child");
    }

    @Test
    void childCheckpointsLiveUnderANamespaceStartingWithTheNodeName() {
        var child = Graph.builder()
                .channels(LOG)
                .node("c1", ctx -> ctx.write(LOG, "c1"))
                .node("c2", ctx -> ctx.write(LOG, "c2"))
                .edge(Graph.START, "c1")
                .edge("c1", "c2")
                .edge("c2", Graph.END)
                .build();
        var store = new RecordingStore();
        var parent = parentAround(child, store);
        var thread = ThreadId.of("t");

        parent.invoke(Input.none(), RunConfig.forThread(thread));

        var childSpaces =
                store.namespaces().stream().filter(ns -> !ns.isEmpty()).toList();
        assertThat(childSpaces).singleElement().asString().startsWith("sub:");
        var namespace = childSpaces.get(0);
        var childHistory = store.history(thread, namespace, 100);
        assertThat(childHistory).hasSize(3).allMatch(c -> c.namespace().equals(namespace));
        assertThat(childHistory.get(0).nextTasks()).isEmpty();
        // the root namespace holds only the parent's own checkpoints
        assertThat(parent.history(thread, 100)).hasSize(4);
        assertThat(store.puts("")).hasSize(4);
    }

    @Test
    void interruptInsideTheChildPausesTheParentAndResumeCompletesIt() {
        var childRuns = new AtomicInteger();
        var child = Graph.builder()
                .channels(LOG, LAST)
                .node("approve", ctx -> {
                    childRuns.incrementAndGet();
                    ctx.write(LAST, ctx.interrupt("approve " + ctx.state().get(LOG) + "?", String.class));
                })
                .edge(Graph.START, "approve")
                .edge("approve", Graph.END)
                .build();
        var parent = parentAround(child, new RecordingStore());
        var config = RunConfig.forThread("t");

        var paused = parent.invoke(Input.none(), config);

        assertThat(paused).isInstanceOfSatisfying(RunOutcome.Interrupted.class, i -> {
            assertThat(i.interrupts()).singleElement().satisfies(interrupt -> {
                assertThat(interrupt.node()).isEqualTo("sub");
                assertThat(interrupt.payload().asText()).isEqualTo("approve [before]?");
            });
        });
        assertThat(parent.state(ThreadId.of("t")).orElseThrow().interrupts())
                .singleElement()
                .satisfies(i -> assertThat(i.payload().asText()).isEqualTo("approve [before]?"));

        var outcome = parent.resume(config, "approved");

        assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
        assertThat(outcome.state().get(LAST)).isEqualTo("approved");
        assertThat(outcome.state().get(LOG)).containsExactly("before", "after saw approved");
        assertThat(childRuns).hasValue(2);
    }

    @Test
    void aChildThatInterruptsTwiceNeedsTwoResumes() {
        var child = Graph.builder()
                .channels(LAST)
                .node("first", ctx -> ctx.write(LAST, ctx.interrupt("first?", String.class)))
                .node(
                        "second",
                        ctx -> ctx.write(LAST, ctx.state().get(LAST) + " & " + ctx.interrupt("second?", String.class)))
                .edge(Graph.START, "first")
                .edge("first", "second")
                .edge("second", Graph.END)
                .build();
        var parent = parentAround(child, new RecordingStore());
        var config = RunConfig.forThread("t");

        var one = parent.invoke(Input.none(), config);
        var two = parent.resume(config, "A");
        var three = parent.resume(config, "B");

        assertThat(one).isInstanceOfSatisfying(RunOutcome.Interrupted.class, i -> assertThat(
                        i.interrupts().get(0).payload().asText())
                .isEqualTo("first?"));
        assertThat(two).isInstanceOfSatisfying(RunOutcome.Interrupted.class, i -> assertThat(
                        i.interrupts().get(0).payload().asText())
                .isEqualTo("second?"));
        assertThat(three).isInstanceOf(RunOutcome.Completed.class);
        assertThat(three.state().get(LAST)).isEqualTo("A & B");
        assertThat(three.state().get(LOG)).containsExactly("before", "after saw A & B");
    }

    @Test
    void aNodeThatInterruptsTwiceInsideTheChildNeedsTwoResumes() {
        var child = Graph.builder()
                .channels(LAST)
                .node("form", ctx -> {
                    var a = ctx.interrupt("a?", String.class);
                    var b = ctx.interrupt("b?", String.class);
                    ctx.write(LAST, a + b);
                })
                .edge(Graph.START, "form")
                .edge("form", Graph.END)
                .build();
        var parent = parentAround(child, new RecordingStore());
        var config = RunConfig.forThread("t");

        parent.invoke(Input.none(), config);
        var second = parent.resume(config, "x");
        var done = parent.resume(config, "y");

        assertThat(second).isInstanceOfSatisfying(RunOutcome.Interrupted.class, i -> assertThat(
                        i.interrupts().get(0).payload().asText())
                .isEqualTo("b?"));
        assertThat(done.state().get(LAST)).isEqualTo("xy");
    }

    @Test
    void aFailedChildResumesWhereItFailed() {
        var flaky = new AtomicInteger();
        var childRuns = new CopyOnWriteArrayList<String>();
        var child = Graph.builder()
                .channels(LOG)
                .node("steady", ctx -> {
                    childRuns.add("steady");
                    ctx.write(LOG, "steady");
                })
                .node("flaky", ctx -> {
                    childRuns.add("flaky");
                    if (flaky.incrementAndGet() == 1) {
                        throw new IllegalStateException("child broke");
                    }
                    ctx.write(LOG, "flaky");
                })
                .edge(Graph.START, "steady")
                .edge("steady", "flaky")
                .edge("flaky", Graph.END)
                .build();
        var parent = parentAround(child, new RecordingStore());
        var config = RunConfig.forThread("t");

        assertThatThrownBy(() -> parent.invoke(Input.none(), config))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("node 'sub'")
                .hasRootCauseMessage("child broke");
        var outcome = parent.resume(config);

        assertThat(childRuns).containsExactly("steady", "flaky", "flaky");
        assertThat(outcome.state().get(LOG)).containsExactly("before", "steady", "flaky", "after saw nothing");
    }

    @Test
    void explicitMappingsTranslateInputAndOutput() {
        var child = Graph.builder()
                .channels(CHILD_ONLY)
                .node("double", ctx -> ctx.write(CHILD_ONLY, ctx.state().get(CHILD_ONLY) * 2))
                .edge(Graph.START, "double")
                .edge("double", Graph.END)
                .build();
        var parent = builder()
                .channels(LOG, LAST)
                .subgraph(
                        "sub",
                        Subgraph.of(child)
                                .input(s -> Input.of(CHILD_ONLY, s.get(LAST).length()))
                                .output((result, ctx) -> ctx.write(LOG, "doubled " + result.get(CHILD_ONLY))))
                .edge(Graph.START, "sub")
                .edge("sub", Graph.END)
                .build();

        var outcome = parent.invoke(Input.of(LAST, "four"), "t");

        assertThat(outcome.state().get(LOG)).containsExactly("doubled 8");
    }
}
