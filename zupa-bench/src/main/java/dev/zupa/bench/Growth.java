package dev.zupa.bench;

import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageUpdate;
import dev.zupa.engine.Graph;
import dev.zupa.engine.Input;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.serializer.std.ObjectStreamStateSerializer;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.Channels;

/**
 * A growing conversation on one thread: each turn's input adds one message and one node bumps a counter. Measures
 * the bytes each turn hands to the checkpoint store, to show whether a checkpoint costs what changed or what exists.
 */
final class Growth {
    static final Channel<List<Message>, MessageUpdate> MESSAGES = Channel.messages("messages");
    static final Channel<Integer, Integer> TURNS = Channel.lastValue("turns", Integer.class);
    private static final String THREAD = "conversation";

    private Growth() {}

    /** Per turn: bytes written and latency. */
    record Trace(String name, long[] bytes, long[] nanos, long[] checkpoints, long[] fileBytes, long mismatches) {
        double bytesAround(int turn) {
            return average(bytes, turn);
        }

        double microsAround(int turn) {
            return average(nanos, turn) / 1_000;
        }

        private static double average(long[] values, int turn) {
            // turns are 1-based; average the 10 turns ending at `turn` to smooth id and timestamp lengths
            int from = Math.max(0, turn - 10);
            long sum = 0;
            for (int i = from; i < turn; i++) {
                sum += values[i];
            }
            return (double) sum / (turn - from);
        }
    }

    static Trace zupa(String name, CheckpointStore inner, int turns) throws SQLException {
        var store = new MeteredStore(inner, true);
        var graph = Graph.builder()
                .channels(MESSAGES, TURNS)
                .node("count", ctx -> ctx.write(TURNS, ctx.state().find(TURNS).orElse(0) + 1))
                .edge(Graph.START, "count")
                .edge("count", Graph.END)
                .checkpointStore(store)
                .build();
        var bytes = new long[turns];
        var nanos = new long[turns];
        var checkpoints = new long[turns];
        var fileBytes = new long[turns];
        long mismatches = 0;
        var file = inner instanceof MeteredStore m && m.delegate() instanceof SqliteCheckpointStore s
                ? Optional.of(s.path())
                : Optional.<Path>empty();
        try (store;
                var sizes = file.isPresent()
                        ? DriverManager.getConnection("jdbc:sqlite:" + file.get() + "?open_mode=1")
                        : null) {
            for (int turn = 1; turn <= turns; turn++) {
                long before = store.bytes();
                long putsBefore = store.puts();
                long t0 = System.nanoTime();
                var outcome = graph.invoke(
                        Input.of(MESSAGES, Message.user("message number " + turn)), RunConfig.forThread(THREAD));
                nanos[turn - 1] = System.nanoTime() - t0;
                bytes[turn - 1] = store.bytes() - before;
                checkpoints[turn - 1] = store.puts() - putsBefore;
                if (sizes != null) {
                    fileBytes[turn - 1] = Long.parseLong(RawSqlite.pragma(sizes, "page_count"))
                            * Long.parseLong(RawSqlite.pragma(sizes, "page_size"));
                }
                if (!(outcome instanceof RunOutcome.Completed c
                        && c.state().get(TURNS) == turn
                        && c.state().get(MESSAGES).size() == turn)) {
                    mismatches++;
                }
            }
        }
        return new Trace(name, bytes, nanos, checkpoints, file.isPresent() ? fileBytes : null, mismatches);
    }

    /**
     * LangGraph4j with MemorySaver: every checkpoint holds a full copy of the state, so the bytes of a turn are the
     * serialised sizes (its default ObjectStream serializer) of the states of the checkpoints the turn added.
     */
    static Trace lg4j(String name, int turns) throws Exception {
        var serializer = new ObjectStreamStateSerializer<AgentState>(AgentState::new);
        var graph =
                new StateGraph<AgentState>(Map.of("messages", Channels.<String>appender(ArrayList::new)), serializer);
        graph.addNode(
                "count",
                node_async(
                        state -> Map.of("turns", state.<Integer>value("turns").orElse(0) + 1)));
        graph.addEdge(StateGraph.START, "count");
        graph.addEdge("count", StateGraph.END);
        var saver = new MemorySaver();
        var compiled =
                graph.compile(CompileConfig.builder().checkpointSaver(saver).build());
        var config = Lg4jWorkloads.config(THREAD);
        var seen = new HashSet<String>();
        var bytes = new long[turns];
        var nanos = new long[turns];
        var checkpoints = new long[turns];
        long mismatches = 0;
        for (int turn = 1; turn <= turns; turn++) {
            long t0 = System.nanoTime();
            var state = compiled.invoke(Map.of("messages", List.of("message number " + turn)), config);
            nanos[turn - 1] = System.nanoTime() - t0;
            if (state.isEmpty()
                    || state.get().<Integer>value("turns").orElse(-1) != turn
                    || state.get()
                                    .<List<String>>value("messages")
                                    .orElse(List.of())
                                    .size()
                            != turn) {
                mismatches++;
            }
            for (var checkpoint : saver.list(config)) {
                if (seen.add(checkpoint.getId())) {
                    bytes[turn - 1] += serializer.dataToBytes(checkpoint.getState()).length;
                    checkpoints[turn - 1]++;
                }
            }
        }
        return new Trace(name, bytes, nanos, checkpoints, null, mismatches);
    }

    static void report(Trace trace, String tag, PrintStream out) {
        int turns = trace.bytes().length;
        var shown = new java.util.TreeSet<>(List.of(1, 10, 100, 1000, turns));
        for (int turn : shown) {
            if (turn <= turns) {
                out.printf(
                        Locale.ROOT,
                        "  %-24s turn %5d: %,8d bytes, %d checkpoints, %,9.1f us%n",
                        trace.name(),
                        turn,
                        trace.bytes()[turn - 1],
                        trace.checkpoints()[turn - 1],
                        trace.nanos()[turn - 1] / 1e3);
            }
        }
        int late = turns;
        double early = trace.bytesAround(10);
        double last = trace.bytesAround(late);
        out.printf(
                Locale.ROOT,
                "RESULT %s impl=%s turns=%d bytes@10=%d bytes@%d=%d ratio=%.3f avgBytes(1-10)=%.1f"
                        + " avgBytes(%d-%d)=%.1f avgRatio=%.3f latencyUs(1-10)=%.1f latencyUs(%d-%d)=%.1f"
                        + " mismatches=%d%n",
                tag,
                trace.name(),
                turns,
                trace.bytes()[Math.min(10, turns) - 1],
                late,
                trace.bytes()[late - 1],
                (double) trace.bytes()[late - 1] / trace.bytes()[Math.min(10, turns) - 1],
                early,
                Math.max(1, late - 9),
                late,
                last,
                last / early,
                trace.microsAround(10),
                Math.max(1, late - 9),
                late,
                trace.microsAround(late),
                trace.mismatches());
        if (trace.fileBytes() != null && turns >= 200) {
            // the file grows in whole pages, so compare the growth over the first and the last 100 turns
            var f = trace.fileBytes();
            double earlyGrowth = (f[109] - f[9]) / 100.0;
            double lateGrowth = (f[turns - 1] - f[turns - 101]) / 100.0;
            out.printf(
                    Locale.ROOT,
                    "RESULT %s impl=%s sqlite-file-growth bytes/turn turns 11-110=%.1f turns %d-%d=%.1f ratio=%.3f"
                            + " file=%d bytes after %d turns%n",
                    tag,
                    trace.name(),
                    earlyGrowth,
                    turns - 99,
                    turns,
                    lateGrowth,
                    lateGrowth / earlyGrowth,
                    f[turns - 1],
                    turns);
        }
    }
}
