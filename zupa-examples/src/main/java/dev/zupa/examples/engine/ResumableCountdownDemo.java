package dev.zupa.examples.engine;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.State;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.PlannedTask;
import dev.zupa.engine.event.RunEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Kill it, run it again, watch it resume: a 14-step launch countdown (see {@link CountdownGraph}) with three parallel
 * workers in the middle, checkpointed into a SQLite file after every step.
 *
 * <pre>
 * # -Ddemo.main picks this demo; the demo profile runs the burger shop by default
 * mvn -pl zupa-examples -am package -Pdemo -DskipTests -Ddemo.main=dev.zupa.examples.engine.ResumableCountdownDemo
 * #   starts; press Ctrl-C (or kill -9 it) halfway, run the same command again: it resumes from the last checkpoint
 * #   add -Ddemo.args=--fresh to start over
 * </pre>
 *
 * <p>Options: {@code --db=path} (default {@code zupa-demo.db} in the working directory, which is the project root
 * under Maven), {@code --fresh} (delete the file first), {@code --delay=PT0.7S} (how long each step works). Under
 * Maven, pass several as {@code -Ddemo.args="--fresh --delay=PT0.2S"}.
 */
public final class ResumableCountdownDemo {
    static final ThreadId THREAD = ThreadId.of("countdown");
    static final int FROM = 10;
    private static final String USAGE = "usage: ResumableCountdownDemo [--db=zupa-demo.db] [--fresh] [--delay=PT0.7S]";

    private ResumableCountdownDemo() {}

    /**
     * Runs the demo.
     *
     * @param args the options above
     * @throws IOException when the database file cannot be deleted
     */
    public static void main(String[] args) throws IOException {
        var hint = new Thread(
                () -> System.out.println("\nStopped. Run the same command again to resume from the last checkpoint."));
        Runtime.getRuntime().addShutdownHook(hint);
        int status = run(args, System.out);
        Runtime.getRuntime().removeShutdownHook(hint);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out) throws IOException {
        Path db = Path.of("zupa-demo.db");
        Duration delay = Duration.ofMillis(700);
        boolean fresh = false;
        // -Ddemo.args="--fresh --delay=PT0.2S" arrives as one argument
        for (var arg : String.join(" ", args).trim().split("\\s+")) {
            try {
                if (arg.startsWith("--db=")) {
                    db = Path.of(arg.substring("--db=".length()));
                } else if (arg.startsWith("--delay=")) {
                    delay = Duration.parse(arg.substring("--delay=".length()));
                } else if (arg.equals("--fresh")) {
                    fresh = true;
                } else if (!arg.isBlank()) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                out.println(e.getMessage() + "\n" + USAGE);
                return 2;
            }
        }
        if (fresh) {
            for (var suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
            out.println("Deleted " + db + ".");
        }
        try (var store = SqliteCheckpointStore.open(db)) {
            var graph = CountdownGraph.build(
                    store,
                    delay,
                    (task, message) -> out.printf("  step %2d  %-9s %s%n", task.step(), task.node(), message));
            var config = RunConfig.forThread(THREAD).stepLimit(100).listener(event -> {
                if (event instanceof RunEvent.StepFinished step) {
                    out.printf("           checkpoint %d saved%n", step.step());
                }
            });
            var snapshot = graph.state(THREAD);
            RunOutcome outcome;
            if (snapshot.isEmpty()) {
                out.println("Starting fresh: " + db.toAbsolutePath() + " has no checkpoint yet.");
                out.println("Kill me at any moment (Ctrl-C, kill -9) and run me again: I continue where I stopped.");
                outcome = graph.invoke(CountdownGraph.input(FROM), config);
            } else if (!snapshot.get().finished()) {
                var checkpoint = snapshot.get().checkpoint();
                out.printf(
                        "Resuming from checkpoint %d (%s); next: %s%n",
                        checkpoint.step(),
                        checkpoint.id(),
                        snapshot.get().next().stream().map(PlannedTask::node).toList());
                outcome = graph.resume(config);
            } else {
                out.println("The countdown in " + db + " has already finished:");
                printResult(snapshot.get().values(), out);
                out.println("Run again with --fresh to start over.");
                return 0;
            }
            switch (outcome) {
                case RunOutcome.Completed done -> out.println("Finished (" + done.steps() + " steps in this run):");
                case RunOutcome.Interrupted paused -> out.println("Paused, waiting for " + paused.interrupts());
            }
            printResult(outcome.state(), out);
            return 0;
        }
    }

    private static void printResult(State state, PrintStream out) {
        state.get(CountdownGraph.LOG).forEach(line -> out.println("  " + line));
    }
}
