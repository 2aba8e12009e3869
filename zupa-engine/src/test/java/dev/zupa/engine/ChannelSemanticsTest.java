package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.await;
import static dev.zupa.engine.Fixtures.builder;
import static dev.zupa.engine.Fixtures.retyped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChannelSemanticsTest {
    static final Channel<String, String> LAST = Channel.lastValue("last", String.class);
    static final Channel<String, String> NAME = Channel.lastValue("name", String.class);
    static final Channel<Integer, Integer> COUNT = Channel.reducer("count", Integer.class, Integer::sum, 0);
    static final Channel<String, String> CONCAT = Channel.reducer("concat", String.class, String::concat, "");
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
    static final Channel<List<String>, String> TOPIC = Channel.topic("topic", String.class);
    static final Channel<String, String> FLASH = Channel.ephemeral("flash", String.class);
    static final Channel<Map<String, List<String>>, Map<String, List<String>>> TAGS =
            Channel.lastValue("tags", new TypeReference<Map<String, List<String>>>() {});

    /** What each of the racing nodes writes. */
    @FunctionalInterface
    interface Writer {
        void write(NodeContext ctx, String node);
    }

    /** Three parallel nodes a, b, c (in that declaration order) that finish in the order c, b, a. */
    private static Graph.Builder reversedFinishers(List<String> finished, Writer writer) {
        var cDone = new CountDownLatch(1);
        var bDone = new CountDownLatch(1);
        var b = builder().channels(LAST, LOG, CONCAT, COUNT);
        b.node("a", ctx -> {
            await(bDone);
            writer.write(ctx, "a");
            finished.add("a");
        });
        b.node("b", ctx -> {
            await(cDone);
            writer.write(ctx, "b");
            finished.add("b");
            bDone.countDown();
        });
        b.node("c", ctx -> {
            writer.write(ctx, "c");
            finished.add("c");
            cDone.countDown();
        });
        for (var node : List.of("a", "b", "c")) {
            b.edge(Graph.START, node).edge(node, Graph.END);
        }
        return b;
    }

    @Test
    void lastValueKeepsTheLatestWrite() {
        var graph = builder()
                .channel(LAST)
                .node("first", ctx -> ctx.write(LAST, "one"))
                .node("second", ctx -> ctx.write(LAST, ctx.state().get(LAST) + "+two"))
                .edge(Graph.START, "first")
                .edge("first", "second")
                .edge("second", Graph.END)
                .build();

        var outcome = graph.invoke(Input.of(LAST, "zero"), "t");

        assertThat(outcome.state().get(LAST)).isEqualTo("one+two");
    }

    @Test
    void rejectsTwoWritersToLastValueChannelNamingBothAndCommitsNothingForTheStep() {
        var graph = builder()
                .channel(LAST)
                .node("alpha", ctx -> ctx.write(LAST, "from alpha"))
                .node("beta", ctx -> ctx.write(LAST, "from beta"))
                .edge(Graph.START, "alpha")
                .edge(Graph.START, "beta")
                .edge("alpha", Graph.END)
                .edge("beta", Graph.END)
                .build();
        var thread = ThreadId.of("t");

        assertThatThrownBy(() -> graph.invoke(Input.none(), RunConfig.forThread(thread)))
                .isInstanceOf(ChannelUpdateException.class)
                .hasMessageContaining("channel 'last'")
                .hasMessageContaining("alpha")
                .hasMessageContaining("beta");

        var history = graph.history(thread, 10);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).checkpoint().source()).isEqualTo(CheckpointSource.INPUT);
        assertThat(history.get(0).values().find(LAST)).isEmpty();
        assertThat(history.get(0).next()).extracting(t -> t.node()).containsExactly("alpha", "beta");
    }

    @Test
    void reducerFoldsParallelWritesInTaskOrderWhateverTheFinishOrder() {
        var finished = new CopyOnWriteArrayList<String>();
        var graph = reversedFinishers(finished, (ctx, node) -> ctx.write(CONCAT, node))
                .build();

        var outcome = graph.invoke(Input.of(CONCAT, ">"), "t");

        assertThat(finished).containsExactly("c", "b", "a");
        assertThat(outcome.state().get(CONCAT)).isEqualTo(">abc");
    }

    @Test
    void reducerStartsFromItsInitialValue() {
        var graph = builder()
                .channel(COUNT)
                .node("add", ctx -> ctx.write(COUNT, 5))
                .edge(Graph.START, "add")
                .edge("add", Graph.END)
                .build();

        assertThat(graph.invoke(Input.none(), "t").state().get(COUNT)).isEqualTo(5);
    }

    @Test
    @DisplayName("check 4: two parallel appenders keep both items in node-name order whatever order they finish")
    void check04AppenderKeepsBothParallelItemsInNodeOrder() {
        var finished = new CopyOnWriteArrayList<String>();
        var graph = reversedFinishers(finished, (ctx, node) -> ctx.write(LOG, "item from " + node))
                .build();

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(finished).containsExactly("c", "b", "a");
        assertThat(outcome.state().get(LOG)).containsExactly("item from a", "item from b", "item from c");
    }

    @Test
    void appenderKeepsEqualItemsAsSeparateItems() {
        var graph = builder()
                .channel(LOG)
                .node("twice", ctx -> {
                    ctx.write(LOG, "same");
                    ctx.write(LOG, "same");
                })
                .edge(Graph.START, "twice")
                .edge("twice", Graph.END)
                .build();

        assertThat(graph.invoke(Input.of(LOG, "same"), "t").state().get(LOG)).containsExactly("same", "same", "same");
    }

    @Test
    void topicHoldsOnlyTheLastStepsWritesAndThenClears() {
        var seen = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .channel(TOPIC)
                .node("x", ctx -> ctx.write(TOPIC, "x"))
                .node("y", ctx -> ctx.write(TOPIC, "y"))
                .node("middle", ctx -> {
                    seen.add("middle saw " + ctx.state().get(TOPIC));
                    ctx.write(TOPIC, "z");
                })
                .node("last", ctx -> seen.add("last saw " + ctx.state().get(TOPIC)))
                .node("after", ctx -> seen.add("after saw " + ctx.state().get(TOPIC)))
                .edge(Graph.START, "x")
                .edge(Graph.START, "y")
                .edge("x", "middle")
                .edge("y", "middle")
                .edge("middle", "last")
                .edge("last", "after")
                .edge("after", Graph.END)
                .build();

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(seen).containsExactly("middle saw [x, y]", "last saw [z]", "after saw []");
        assertThat(outcome.state().get(TOPIC)).isEmpty();
    }

    @Test
    void ephemeralValueIsVisibleForOneStepThenCleared() {
        var seen = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .channel(FLASH)
                .node("write", ctx -> ctx.write(FLASH, "hello"))
                .node("next", ctx -> seen.add("next: " + ctx.state().find(FLASH)))
                .node("later", ctx -> seen.add("later: " + ctx.state().find(FLASH)))
                .edge(Graph.START, "write")
                .edge("write", "next")
                .edge("next", "later")
                .edge("later", Graph.END)
                .build();

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(seen).containsExactly("next: Optional[hello]", "later: Optional.empty");
        assertThat(outcome.state().find(FLASH)).isEmpty();
        assertThatThrownBy(() -> outcome.state().get(FLASH))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("channel 'flash' has no value");
    }

    @Test
    void ephemeralRejectsTwoWritersInOneStep() {
        var graph = builder()
                .channel(FLASH)
                .node("p", ctx -> ctx.write(FLASH, "p"))
                .node("q", ctx -> ctx.write(FLASH, "q"))
                .edge(Graph.START, "p")
                .edge(Graph.START, "q")
                .edge("p", Graph.END)
                .edge("q", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(ChannelUpdateException.class)
                .hasMessageContaining("p and q");
    }

    @Test
    @DisplayName("check 3: nodes get an immutable state at any depth and cannot change committed values")
    void check03NodesCannotModifyStateAtAnyDepth() {
        var failures = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .channels(LOG, TAGS)
                .node("vandal", ctx -> {
                    attempt(failures, "list", () -> ctx.state().get(LOG).add("sneaky"));
                    attempt(failures, "map", () -> ctx.state().get(TAGS).put("new", List.of()));
                    attempt(
                            failures,
                            "nested list",
                            () -> ctx.state().get(TAGS).get("colours").add("green"));
                    attempt(failures, "clear", () -> ctx.state().get(LOG).clear());
                })
                .edge(Graph.START, "vandal")
                .edge("vandal", Graph.END)
                .build();
        var colours = new ArrayList<>(List.of("red"));
        var tags = new HashMap<String, List<String>>();
        tags.put("colours", colours);

        var outcome = graph.invoke(Input.of(LOG, "kept").and(TAGS, tags), "t");
        // the caller's own mutable objects were copied on the way in
        colours.add("blue");
        tags.put("later", List.of());

        assertThat(failures)
                .containsExactly(
                        "list: UnsupportedOperationException",
                        "map: UnsupportedOperationException",
                        "nested list: UnsupportedOperationException",
                        "clear: UnsupportedOperationException");
        assertThat(outcome.state().get(LOG)).containsExactly("kept");
        assertThat(outcome.state().get(TAGS)).isEqualTo(Map.of("colours", List.of("red")));
        var stored = graph.state(ThreadId.of("t")).orElseThrow().values();
        assertThat(stored.get(LOG)).containsExactly("kept");
        assertThat(stored.get(TAGS)).isEqualTo(Map.of("colours", List.of("red")));

        // values read back from the store are frozen as well
        failures.clear();
        graph.invoke(Input.none(), "t");
        assertThat(failures).hasSize(4).allMatch(f -> f.endsWith("UnsupportedOperationException"));
    }

    @Test
    void changingAWrittenObjectAfterTheWriteDoesNotChangeTheState() {
        var graph = builder()
                .channel(TAGS)
                .node("writer", ctx -> {
                    var mine = new HashMap<String, List<String>>();
                    var items = new ArrayList<>(List.of("one"));
                    mine.put("k", items);
                    ctx.write(TAGS, mine);
                    items.add("two");
                    mine.put("other", List.of());
                })
                .edge(Graph.START, "writer")
                .edge("writer", Graph.END)
                .build();

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(outcome.state().get(TAGS)).isEqualTo(Map.of("k", List.of("one")));
        assertThat(graph.state(ThreadId.of("t")).orElseThrow().values().get(TAGS))
                .isEqualTo(Map.of("k", List.of("one")));
    }

    @Test
    @DisplayName("check 6: a key nobody writes keeps its value across steps and invocations; a last value is replaced")
    void check06UnwrittenKeyKeepsItsValueAcrossStepsAndInvocations() {
        var seen = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .channels(NAME, COUNT)
                .node("one", ctx -> {
                    seen.add("one: " + ctx.state().get(NAME));
                    ctx.write(COUNT, 1);
                })
                .node("two", ctx -> {
                    seen.add("two: " + ctx.state().get(NAME));
                    ctx.write(COUNT, 1);
                })
                .edge(Graph.START, "one")
                .edge("one", "two")
                .edge("two", Graph.END)
                .build();

        graph.invoke(Input.of(NAME, "Ada"), "t");
        var second = graph.invoke(Input.none(), "t");

        assertThat(seen).containsExactly("one: Ada", "two: Ada", "one: Ada", "two: Ada");
        assertThat(second.state().get(NAME)).isEqualTo("Ada");
        assertThat(second.state().get(COUNT)).isEqualTo(4);

        var third = graph.invoke(Input.of(NAME, "Grace"), "t");
        assertThat(third.state().get(NAME)).isEqualTo("Grace");
    }

    @Test
    void rejectsWriteToUndeclaredChannel() {
        var graph = builder()
                .channel(LOG)
                .node("stray", ctx -> ctx.write(LAST, "nowhere"))
                .edge(Graph.START, "stray")
                .edge("stray", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("node 'stray'")
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'last' is not declared in this graph")
                .hasMessageContaining("Graph.builder().channel(");
    }

    @Test
    void rejectsInputForUndeclaredChannel() {
        var graph = builder()
                .channel(LOG)
                .node("n", ctx -> {})
                .edge(Graph.START, "n")
                .edge("n", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.of(LAST, "x"), "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'last' is not declared in this graph");
    }

    @Test
    void rejectsChannelWithDeclaredNameButOtherType() {
        var impostor = Channel.lastValue("log", String.class);
        var graph = builder()
                .channel(LOG)
                .node("n", ctx -> ctx.write(impostor, "x"))
                .edge(Graph.START, "n")
                .edge("n", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(NodeExecutionException.class)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'log' is not declared in this graph with that type");
    }

    @Test
    void rejectsUpdateOfWrongType() {
        var caught = new AtomicInteger();
        var messages = new CopyOnWriteArrayList<String>();
        var graph = builder()
                .channel(COUNT)
                .node("n", ctx -> {
                    try {
                        ctx.write(retyped(COUNT), "not a number");
                    } catch (IllegalArgumentException e) {
                        caught.incrementAndGet();
                        messages.add(e.getMessage());
                    }
                })
                .edge(Graph.START, "n")
                .edge("n", Graph.END)
                .build();

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(caught).hasValue(1);
        assertThat(messages.get(0))
                .contains("channel 'count' takes updates of type java.lang.Integer, not java.lang.String");
        assertThat(outcome.state().get(COUNT)).isZero();
        assertThatThrownBy(() -> Input.of(retyped(COUNT), "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'count' takes updates of type java.lang.Integer");
    }

    @Test
    void emptyListChannelsReadAsEmptyAndLastValueReadsAsAbsent() {
        var graph = builder()
                .channels(LOG, LAST, COUNT)
                .node("n", ctx -> {})
                .edge(Graph.START, "n")
                .edge("n", Graph.END)
                .build();

        var state = graph.invoke(Input.none(), "t").state();

        assertThat(state.get(LOG)).isEmpty();
        assertThat(state.get(COUNT)).isZero();
        assertThat(state.find(LAST)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> state.get(TOPIC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'topic' is not declared");
    }

    private static void attempt(List<String> failures, String what, Runnable change) {
        try {
            change.run();
            failures.add(what + ": changed");
        } catch (RuntimeException e) {
            failures.add(what + ": " + e.getClass().getSimpleName());
        }
    }
}
