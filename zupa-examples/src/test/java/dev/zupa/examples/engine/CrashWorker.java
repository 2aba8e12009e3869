package dev.zupa.examples.engine;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.engine.Graph;
import dev.zupa.engine.Input;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.ThreadId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The child JVM of {@link EngineCrashIT}: finishes the countdown of each given thread on a SQLite store (invokes a
 * new thread, resumes an unfinished one, skips a finished one), all threads at once, and journals every node run.
 *
 * <p>Arguments: database path, journal path, incarnation number, comma-separated thread ids. Prints {@code READY}
 * once the store is open and the graph built, {@code DONE} when every thread has finished; exits 0 then, and with a
 * stack trace and status 1 on any failure.
 *
 * <p>A journal line is {@code incarnation,threadId,taskId}, written by the node after its work, just before it
 * returns. Each line is one {@code write} to a file opened for appending; it is not fsync'd because the test kills
 * the process, not the machine, and the kernel keeps what a killed process wrote.
 */
final class CrashWorker {
    /** How long each node works: long enough that kills land inside steps, short enough to make progress. */
    static final Duration DELAY = Duration.ofMillis(10);

    private CrashWorker() {}

    public static void main(String[] args) throws Exception {
        var db = Path.of(args[0]);
        var journalPath = Path.of(args[1]);
        var incarnation = args[2];
        var threads = List.of(args[3].split(","));
        try (var journal = FileChannel.open(
                        journalPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                var store = SqliteCheckpointStore.open(db)) {
            var graph = CountdownGraph.build(store, DELAY, (task, message) -> {
                var line = incarnation + "," + task.threadId() + "," + task.taskId() + "\n";
                synchronized (journal) {
                    try {
                        journal.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            System.out.println("READY");
            System.out.flush();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                var runs = new ArrayList<Future<?>>();
                for (var thread : threads) {
                    runs.add(executor.submit(() -> finish(graph, ThreadId.of(thread))));
                }
                for (var run : runs) {
                    run.get();
                }
            }
        }
        System.out.println("DONE");
    }

    /** The input of a thread: each thread counts down from its own number, 6 to 10. */
    static Input input(ThreadId thread) {
        return CountdownGraph.input(6 + Math.floorMod(thread.value().hashCode(), 5));
    }

    static RunConfig config(ThreadId thread) {
        return RunConfig.forThread(thread).stepLimit(100);
    }

    private static Void finish(Graph graph, ThreadId thread) {
        var snapshot = graph.state(thread);
        if (snapshot.isEmpty()) {
            graph.invoke(input(thread), config(thread));
        } else if (!snapshot.get().finished()) {
            graph.resume(config(thread));
        }
        return null;
    }
}
