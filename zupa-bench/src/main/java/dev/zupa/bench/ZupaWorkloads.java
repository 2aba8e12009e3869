package dev.zupa.bench;

import dev.zupa.engine.Graph;
import dev.zupa.engine.Input;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The benchmark graphs built with Zupa. */
final class ZupaWorkloads {
    static final Channel<Integer, Integer> N = Channel.lastValue("n", Integer.class);
    static final Channel<List<String>, String> ITEMS = Channel.appender("items", String.class);
    static final Channel<Integer, Integer> COUNT = Channel.lastValue("count", Integer.class);
    static final int LINEAR_NODES = 10;
    static final int BRANCHES = 8;
    static final List<String> FANOUT_EXPECTED = expectedItems();

    private ZupaWorkloads() {}

    /** START → n1 → … → n10 → END; each node sets n = n + 1. */
    static Graph linear(CheckpointStore store) {
        var builder = Graph.builder().channel(N).checkpointStore(store);
        var previous = Graph.START;
        for (int i = 1; i <= LINEAR_NODES; i++) {
            var name = "n" + i;
            builder.node(name, ctx -> ctx.write(N, ctx.state().get(N) + 1));
            builder.edge(previous, name);
            previous = name;
        }
        return builder.edge(previous, Graph.END).build();
    }

    /**
     * START → seed → {b1..b8} → join → END, appending to one list; join stores the list's size. With {@code sleepMs}
     * each branch first sleeps that long (a stand-in for an I/O call), to show whether branches run concurrently.
     */
    static Graph fanout(CheckpointStore store, int sleepMs) {
        var builder = Graph.builder().channels(ITEMS, COUNT).checkpointStore(store);
        builder.node("seed", ctx -> ctx.write(ITEMS, "seed")).edge(Graph.START, "seed");
        for (int i = 1; i <= BRANCHES; i++) {
            var name = "b" + i;
            builder.node(name, ctx -> {
                if (sleepMs > 0) {
                    Thread.sleep(sleepMs);
                }
                ctx.write(ITEMS, name);
            });
            builder.edge("seed", name).edge(name, "join");
        }
        builder.node("join", ctx -> ctx.write(COUNT, ctx.state().get(ITEMS).size()));
        return builder.edge("join", Graph.END).build();
    }

    static Harness.Contender contender(String name, String workload, int sleepMs, Supplier<CheckpointStore> stores) {
        return new Harness.Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Harness.Target create(String label) {
                var store = new MeteredStore(stores.get(), false);
                var graph = workload.equals("fanout") ? fanout(store, sleepMs) : linear(store);
                return new ZupaTarget(graph, store, workload.equals("fanout"));
            }
        };
    }

    private record ZupaTarget(Graph graph, MeteredStore store, boolean fanout) implements Harness.Target {
        @Override
        public boolean invoke(String threadId) {
            if (fanout) {
                var outcome = graph.invoke(Input.none(), RunConfig.forThread(threadId));
                return outcome instanceof RunOutcome.Completed c
                        && c.state().get(COUNT) == FANOUT_EXPECTED.size()
                        && c.state().get(ITEMS).equals(FANOUT_EXPECTED);
            }
            var outcome = graph.invoke(Input.of(N, 0), RunConfig.forThread(threadId));
            return outcome instanceof RunOutcome.Completed c && c.state().get(N) == LINEAR_NODES;
        }

        @Override
        public long checkpointsOf(String threadId) {
            return graph.history(ThreadId.of(threadId), 1_000).size();
        }

        @Override
        public long checkpointWrites() {
            return store.puts();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private static List<String> expectedItems() {
        var items = new ArrayList<String>();
        items.add("seed");
        for (int i = 1; i <= BRANCHES; i++) {
            items.add("b" + i);
        }
        return List.copyOf(items);
    }
}
