package dev.zupa.examples.engine;

import static dev.zupa.examples.engine.CountdownGraph.LOG;
import static dev.zupa.examples.engine.CountdownGraph.REMAINING;
import static dev.zupa.examples.engine.CountdownGraph.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.engine.NodeExecutionException;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.StepLimitExceededException;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ResumableCountdownDemoTest {
    private static final List<String> FULL_LOG = List.of(
            "T-minus 10",
            "T-minus 9",
            "T-minus 8",
            "T-minus 7",
            "T-minus 6",
            "hold: checking 3 systems in parallel",
            "all systems go: [fuel go, guidance go, telemetry go]",
            "T-minus 5",
            "T-minus 4",
            "T-minus 3",
            "T-minus 2",
            "T-minus 1",
            "liftoff");
    private static final RunConfig CONFIG = RunConfig.forThread(ResumableCountdownDemo.THREAD);

    @TempDir
    Path dir;

    @Test
    void countsDownToLiftoffOnSqlite() {
        try (var store = SqliteCheckpointStore.open(dir.resolve("demo.db"))) {
            var graph = CountdownGraph.build(store, Duration.ZERO);

            var outcome = graph.invoke(CountdownGraph.input(10), CONFIG);

            assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Completed.class, done -> assertThat(done.steps())
                    .isEqualTo(14));
            assertThat(outcome.state().get(REMAINING)).isZero();
            assertThat(outcome.state().get(LOG)).containsExactlyElementsOf(FULL_LOG);
            assertThat(outcome.state().get(REPORTS)).containsExactly("fuel go", "guidance go", "telemetry go");
            assertThat(graph.history(ResumableCountdownDemo.THREAD, 100)).hasSize(15);
        }
    }

    @Test
    void aNewGraphOnTheSameFileResumesWhereTheLastOneStopped() {
        var db = dir.resolve("demo.db");
        try (var store = SqliteCheckpointStore.open(db)) {
            var graph = CountdownGraph.build(store, Duration.ZERO);
            assertThatThrownBy(() -> graph.invoke(CountdownGraph.input(10), CONFIG.stepLimit(7)))
                    .isInstanceOf(StepLimitExceededException.class);
        }
        var ran = new CopyOnWriteArrayList<String>();
        try (var store = SqliteCheckpointStore.open(db)) {
            var graph = CountdownGraph.build(store, Duration.ZERO, (task, message) -> ran.add(message));
            var stopped = graph.state(ResumableCountdownDemo.THREAD).orElseThrow();
            assertThat(stopped.checkpoint().step()).isEqualTo(7);
            assertThat(stopped.next()).extracting(PlannedTask::node).containsExactly("join");

            var outcome = graph.resume(CONFIG);

            assertThat(outcome.state().get(LOG)).containsExactlyElementsOf(FULL_LOG);
            assertThat(ran)
                    .containsExactly(
                            "all systems go [fuel go, guidance go, telemetry go], resuming countdown",
                            "T-minus 5",
                            "T-minus 4",
                            "T-minus 3",
                            "T-minus 2",
                            "T-minus 1",
                            "liftoff!");
        }
    }

    @Test
    void aResumeRunsOnlyTheWorkerThatFailed() {
        var db = dir.resolve("demo.db");
        var failOnce = new AtomicBoolean(true);
        try (var store = SqliteCheckpointStore.open(db)) {
            var graph = CountdownGraph.build(store, Duration.ZERO, (task, message) -> {
                if (message.startsWith("worker 2") && failOnce.getAndSet(false)) {
                    throw new IllegalStateException("guidance check timed out");
                }
            });
            assertThatThrownBy(() -> graph.invoke(CountdownGraph.input(10), CONFIG))
                    .isInstanceOf(NodeExecutionException.class)
                    .hasMessageContaining("worker");
        }
        var ran = new CopyOnWriteArrayList<String>();
        try (var store = SqliteCheckpointStore.open(db)) {
            var graph = CountdownGraph.build(store, Duration.ZERO, (task, message) -> ran.add(message));

            var outcome = graph.resume(CONFIG);

            assertThat(outcome.state().get(LOG)).containsExactlyElementsOf(FULL_LOG);
            assertThat(ran).filteredOn(m -> m.startsWith("worker")).containsExactly("worker 2: guidance go");
        }
    }

    @Test
    void demoStartsFreshResumesAndReportsAFinishedCountdown() throws Exception {
        var db = dir.resolve("demo.db");
        try (var store = SqliteCheckpointStore.open(db)) {
            var graph = CountdownGraph.build(store, Duration.ZERO);
            assertThatThrownBy(
                            () -> graph.invoke(CountdownGraph.input(ResumableCountdownDemo.FROM), CONFIG.stepLimit(3)))
                    .isInstanceOf(StepLimitExceededException.class);
        }
        var args = new String[] {"--db=" + db, "--delay=PT0S"};

        assertThat(demo(args))
                .contains("Resuming from checkpoint 3")
                .contains("step  4  countdown T-minus 7")
                .contains("checkpoint 14 saved")
                .contains("Finished (11 steps in this run)")
                .doesNotContain("countdown T-minus 8");
        assertThat(demo(args))
                .contains("has already finished")
                .contains("--fresh")
                .contains("liftoff");
        assertThat(demo(new String[] {"--db=" + db, "--delay=PT0S", "--fresh"}))
                .contains("Starting fresh")
                .contains("Finished (14 steps in this run)");
    }

    @Test
    void demoRejectsUnknownOptions() throws Exception {
        var out = new ByteArrayOutputStream();

        int status = ResumableCountdownDemo.run(
                new String[] {"--dbx=x"}, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("unknown option '--dbx=x'")
                .contains("usage:");
    }

    private static String demo(String[] args) throws Exception {
        var out = new ByteArrayOutputStream();
        assertThat(ResumableCountdownDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
