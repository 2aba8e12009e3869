package dev.zupa.examples.engine;

import dev.zupa.engine.Graph;
import dev.zupa.engine.Input;
import dev.zupa.engine.NodeContext;
import dev.zupa.engine.NodeOptions;
import dev.zupa.engine.State;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A launch countdown as a graph: {@code countdown} runs once per step until it reaches {@value #FAN_OUT_AT}, then
 * {@code fanOut} sends three {@code worker} tasks that run in parallel in one step, {@code join} collects them, the
 * countdown goes on to zero and {@code liftoff} ends the run. Counting down from 10 takes 14 super-steps, each one
 * checkpointed.
 *
 * <p>Shared by {@link ResumableCountdownDemo} and the crash test, which kills a JVM running it and checks that no
 * completed step runs again.
 */
public final class CountdownGraph {
    /** Where the countdown stands: the number the next {@code countdown} step announces. */
    public static final Channel<Integer, Integer> REMAINING = Channel.lastValue("remaining", Integer.class);

    /** What happened, one line per node run. */
    public static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);

    /** The workers' reports, in task order. */
    public static final Channel<List<String>, String> REPORTS = Channel.appender("reports", String.class);

    /** The countdown fans out to the workers when it reaches this number. */
    public static final int FAN_OUT_AT = 5;

    private static final List<String> SYSTEMS = List.of("fuel", "guidance", "telemetry");

    /** Told about every node run, on the node's thread, after its work and before it returns. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called once per node run.
         *
         * @param task the task that ran (node, step, task id, thread); never null
         * @param message what it did; never null
         */
        void ran(NodeContext task, String message);
    }

    private CountdownGraph() {}

    /**
     * Builds the graph without progress reports.
     *
     * @param store where checkpoints go; never null
     * @param delay how long each node works; zero for none
     * @return the graph; never null
     */
    public static Graph build(CheckpointStore store, Duration delay) {
        return build(store, delay, (task, message) -> {});
    }

    /**
     * Builds the graph.
     *
     * @param store where checkpoints go; never null
     * @param delay how long each node works (sleeps); zero for none
     * @param progress told about each node run; never null
     * @return the graph; never null
     */
    public static Graph build(CheckpointStore store, Duration delay, Progress progress) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        return Graph.builder()
                .channels(REMAINING, LOG, REPORTS)
                .node("countdown", ctx -> {
                    int remaining = ctx.state().get(REMAINING);
                    work(delay);
                    ctx.write(REMAINING, remaining - 1);
                    ctx.write(LOG, "T-minus " + remaining);
                    progress.ran(ctx, "T-minus " + remaining);
                })
                .node(
                        "fanOut",
                        ctx -> {
                            work(delay);
                            for (int i = 0; i < SYSTEMS.size(); i++) {
                                ctx.send("worker", i);
                            }
                            ctx.write(LOG, "hold: checking " + SYSTEMS.size() + " systems in parallel");
                            progress.ran(ctx, "hold: checking " + String.join(", ", SYSTEMS));
                        },
                        NodeOptions.defaults().destinations("worker"))
                .node("worker", ctx -> {
                    int index = ctx.argument(Integer.class).orElseThrow();
                    work(delay);
                    var report = SYSTEMS.get(index) + " go";
                    ctx.write(REPORTS, report);
                    progress.ran(ctx, "worker " + (index + 1) + ": " + report);
                })
                .node("join", ctx -> {
                    work(delay);
                    var reports = ctx.state().get(REPORTS);
                    ctx.write(LOG, "all systems go: " + reports);
                    progress.ran(ctx, "all systems go " + reports + ", resuming countdown");
                })
                .node("liftoff", ctx -> {
                    work(delay);
                    ctx.write(LOG, "liftoff");
                    progress.ran(ctx, "liftoff!");
                })
                .edge(Graph.START, "countdown")
                .conditionalEdge("countdown", CountdownGraph::afterCountdown, List.of("countdown", "fanOut", "liftoff"))
                .edge("worker", "join")
                .edge("join", "countdown")
                .edge("liftoff", Graph.END)
                .checkpointStore(store)
                .build();
    }

    /**
     * The input that starts a countdown.
     *
     * @param from the first number announced; greater than {@value #FAN_OUT_AT}
     * @return the input; never null
     */
    public static Input input(int from) {
        if (from <= FAN_OUT_AT) {
            throw new IllegalArgumentException("from must be greater than " + FAN_OUT_AT + ", was " + from);
        }
        return Input.of(REMAINING, from);
    }

    private static String afterCountdown(State state) {
        int remaining = state.get(REMAINING);
        if (remaining == 0) {
            return "liftoff";
        }
        return remaining == FAN_OUT_AT && state.get(REPORTS).isEmpty() ? "fanOut" : "countdown";
    }

    private static void work(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay);
        }
    }
}
