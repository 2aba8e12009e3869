package dev.zupa.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.engine.Graph;
import dev.zupa.engine.StateSnapshot;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointSource;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.PlannedTask;
import dev.zupa.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link CountdownGraph} in a child JVM ({@link CrashWorker}) on a SQLite store and kills it with SIGKILL at
 * random moments, at least 50 times ({@code -Dzupa.crash.kills=N} for more), restarting it after each kill until it finishes; then starts a
 * new batch of threads while kills are still due. Asserts that:
 *
 * <ul>
 *   <li>the store opens and every thread's latest checkpoint reads cleanly after every kill;
 *   <li>each thread ends in the state of an uninterrupted in-memory run, with a linear history of the same length
 *       (step 0 to n, each checkpoint the child of the previous one: no step stored twice, none lost);
 *   <li>no completed step ran again: a task never ran in an incarnation that started after the checkpoint holding
 *       its step's writes was committed (a task may run twice only when it was killed before that commit);
 *   <li>every task of every committed step ran, and only from a committed checkpoint (durability {@code SYNC}).
 * </ul>
 *
 * <p>The seed is printed; rerun one with {@code -Dzupa.crash.seed=<seed>}.
 */
@Tag("slow")
class EngineCrashIT {
    private static final int MIN_KILLS = Integer.getInteger("zupa.crash.kills", 50);
    private static final int THREADS_PER_BATCH = 4;
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void killedRunsResumeWithoutLosingOrRepeatingCompletedSteps() throws Exception {
        long seed = Long.getLong("zupa.crash.seed", new SecureRandom().nextLong());
        System.out.println("EngineCrashIT seed " + seed + " (rerun with -Dzupa.crash.seed=" + seed + ")");
        var random = new Random(seed);
        var db = dir.resolve("crash.db");
        var journal = dir.resolve("journal.csv");
        long started = System.nanoTime();

        var allThreads = new ArrayList<ThreadId>();
        var closedAtStart = new HashMap<Integer, Set<String>>();
        Set<String> closed = Set.of();
        int kills = 0;
        int earlyKills = 0;
        int midRunKills = 0;
        long workNanos = 0;
        int completions = 0;
        int cleanOpensAfterKill = 0;
        int incarnation = 0;
        int batch = 0;
        var threads = batch(batch);
        allThreads.addAll(threads);
        while (true) {
            incarnation++;
            closedAtStart.put(incarnation, closed);
            boolean early = kills < MIN_KILLS && random.nextInt(10) == 0;
            var child = ChildJvm.start(
                    CrashWorker.class,
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"),
                    List.of(
                            db.toString(),
                            journal.toString(),
                            Integer.toString(incarnation),
                            String.join(
                                    ",", threads.stream().map(ThreadId::value).toList())));
            boolean killed;
            try {
                if (kills >= MIN_KILLS) {
                    killed = false;
                    child.awaitExit(CHILD_LIMIT);
                } else if (early) {
                    // from JVM start: may land while the JVM boots or while the store opens (and creates its schema)
                    killed = child.killAfter(Duration.ofMillis(random.nextInt(50, 600)));
                } else {
                    child.awaitReady(CHILD_LIMIT);
                    killed = child.killAfter(Duration.ofMillis(random.nextInt(0, 450)));
                }
            } finally {
                child.destroy(); // a no-op unless a failure left it running
            }
            earlyKills += early && killed ? 1 : 0;
            if (killed) {
                kills++;
                var inspection = inspect(db, allThreads);
                cleanOpensAfterKill++;
                midRunKills += inspection.unfinished() > 0 ? 1 : 0;
                closed = inspection.closed();
                continue;
            }
            assertThat(child.exitValue())
                    .as("child exit status; output:\n%s", child.output())
                    .isZero();
            assertThat(child.output()).contains("DONE");
            workNanos += child.workTime().toNanos();
            completions++;
            closed = inspect(db, allThreads).closed();
            if (kills >= MIN_KILLS) {
                break;
            }
            threads = batch(++batch);
            allThreads.addAll(threads);
        }

        var runs = Journal.read(journal);
        var violations = verify(db, allThreads, runs, closedAtStart);
        long reruns =
                runs.size() - runs.stream().map(Journal.Run::taskId).distinct().count();
        System.out.printf(
                "EngineCrashIT: %d kills (%d during start-up, %d with work left), %d incarnations, %d threads, "
                        + "%d node runs, %d re-runs of uncommitted steps, READY to DONE %.0f ms on average, %.1f s, "
                        + "seed %d%n",
                kills,
                earlyKills,
                midRunKills,
                incarnation,
                allThreads.size(),
                runs.size(),
                reruns,
                workNanos / 1e6 / Math.max(1, completions),
                (System.nanoTime() - started) / 1e9,
                seed);
        assertThat(violations).as("seed %d", seed).isEmpty();
        assertThat(kills).isGreaterThanOrEqualTo(MIN_KILLS);
        assertThat(cleanOpensAfterKill).isEqualTo(kills);
    }

    private static List<ThreadId> batch(int batch) {
        var threads = new ArrayList<ThreadId>();
        for (int i = 0; i < THREADS_PER_BATCH; i++) {
            threads.add(ThreadId.of("b" + batch + "-t" + i));
        }
        return threads;
    }

    /**
     * What a restarted process finds in the store.
     *
     * @param closed the checkpoints whose step has been committed (they have a child)
     * @param unfinished how many threads have not finished
     */
    private record Inspection(Set<String> closed, int unfinished) {}

    /** Opens the store as a restarted process would and reads every thread. */
    private static Inspection inspect(Path db, List<ThreadId> threads) {
        var closed = new HashSet<String>();
        int unfinished = 0;
        try (var store = SqliteCheckpointStore.open(db)) {
            var graph = CountdownGraph.build(store, Duration.ZERO);
            for (var thread : threads) {
                store.latest(thread, "");
                var state = graph.state(thread); // decodes every channel value
                unfinished += state.isEmpty() || !state.get().finished() ? 1 : 0;
                for (var checkpoint : store.history(thread, "", 1_000)) {
                    checkpoint.parentId().ifPresent(parent -> closed.add(parent.value()));
                }
            }
        }
        return new Inspection(closed, unfinished);
    }

    private static List<String> verify(
            Path db, List<ThreadId> threads, List<Journal.Run> runs, Map<Integer, Set<String>> closedAtStart) {
        var violations = new ArrayList<String>();
        var stepOfTask = new HashMap<String, String>();
        try (var store = SqliteCheckpointStore.open(db)) {
            var graph = CountdownGraph.build(store, Duration.ZERO);
            for (var thread : threads) {
                var expected = uninterrupted(thread);
                var actual = graph.state(thread).orElseThrow();
                for (var channel : List.of(CountdownGraph.LOG, CountdownGraph.REPORTS)) {
                    if (!actual.values().get(channel).equals(expected.values().get(channel))) {
                        violations.add(thread + ": " + channel.name() + " is "
                                + actual.values().get(channel) + ", an uninterrupted run gives "
                                + expected.values().get(channel));
                    }
                }
                if (!actual.values().get(CountdownGraph.REMAINING).equals(0) || !actual.finished()) {
                    violations.add(thread + " did not finish: " + actual);
                }
                var history = store.history(thread, "", 1_000);
                violations.addAll(
                        chainProblems(thread, history, expected.checkpoint().step()));
                for (var checkpoint : history) {
                    for (PlannedTask task : checkpoint.nextTasks()) {
                        stepOfTask.put(task.id(), checkpoint.id().value());
                    }
                }
            }
        }
        var seen = new HashSet<String>();
        for (var run : runs) {
            var step = stepOfTask.get(run.taskId());
            if (step == null) {
                violations.add("task " + run.taskId() + " ran (incarnation " + run.incarnation()
                        + ") from a checkpoint that was never committed");
            } else if (closedAtStart.get(run.incarnation()).contains(step)) {
                violations.add("task " + run.taskId() + " of thread " + run.threadId() + " ran again in incarnation "
                        + run.incarnation() + " although its step was committed before that incarnation started");
            }
            if (!seen.add(run.incarnation() + "/" + run.taskId())) {
                violations.add("task " + run.taskId() + " ran twice in incarnation " + run.incarnation());
            }
        }
        var ran = new HashSet<String>();
        runs.forEach(run -> ran.add(run.taskId()));
        stepOfTask.keySet().stream()
                .filter(task -> !ran.contains(task))
                .forEach(task -> violations.add("task " + task + " of a committed step never ran"));
        return violations;
    }

    private static List<String> chainProblems(ThreadId thread, List<Checkpoint> newestFirst, long lastStep) {
        var problems = new ArrayList<String>();
        if (newestFirst.size() != lastStep + 1) {
            problems.add(
                    thread + " has " + newestFirst.size() + " checkpoints, an uninterrupted run " + (lastStep + 1));
        }
        for (int i = 0; i < newestFirst.size(); i++) {
            var checkpoint = newestFirst.get(i);
            long expectedStep = newestFirst.size() - 1 - i;
            Optional<CheckpointId> expectedParent = i + 1 < newestFirst.size()
                    ? Optional.of(newestFirst.get(i + 1).id())
                    : Optional.empty();
            if (checkpoint.step() != expectedStep || !checkpoint.parentId().equals(expectedParent)) {
                problems.add(thread + ": checkpoint " + checkpoint.id() + " (step " + checkpoint.step() + ", parent "
                        + checkpoint.parentId() + ") breaks the chain at position " + i);
            }
        }
        if (!newestFirst.isEmpty() && newestFirst.getLast().source() != CheckpointSource.INPUT) {
            problems.add(thread + ": the first checkpoint is not the input's");
        }
        return problems;
    }

    private static StateSnapshot uninterrupted(ThreadId thread) {
        try (CheckpointStore memory = CheckpointStore.inMemory()) {
            Graph graph = CountdownGraph.build(memory, Duration.ZERO);
            graph.invoke(CrashWorker.input(thread), CrashWorker.config(thread));
            return graph.state(thread).orElseThrow();
        }
    }

    /** The node runs the children journaled. */
    private static final class Journal {
        record Run(int incarnation, String threadId, String taskId) {}

        static List<Run> read(Path journal) throws IOException {
            var runs = new ArrayList<Run>();
            var text = Files.exists(journal) ? Files.readString(journal, StandardCharsets.UTF_8) : "";
            // a line cut by a kill has no newline yet; every complete line must parse
            int end = text.lastIndexOf('\n');
            for (var line : text.substring(0, end + 1).lines().toList()) {
                var fields = line.split(",", -1);
                assertThat(fields).as("journal line '%s'", line).hasSize(3);
                runs.add(new Run(Integer.parseInt(fields[0]), fields[1], fields[2]));
            }
            return runs;
        }
    }
}
