package dev.zupa.bench.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serves 200 scripted users × 3 messages from a child JVM ({@link RuntimeCrashWorker}) on one SQLite file and kills it
 * with SIGKILL at random moments, at least 20 times ({@code -Dzupa.crash.kills=N} for more), restarting it each time,
 * then lets a last run finish. Every start delivers every message again. Asserts that:
 *
 * <ul>
 *   <li>every inbound message has exactly one reply in the output file, and no reply answers anything else;
 *   <li>no outbox id reached the output twice (the file transport suppresses a re-send by outbox id, as a transport
 *       with an idempotency key does; the count of suppressed re-sends is reported: they are the runtime's
 *       at-least-once edge, a kill between {@code send} returning and {@code outbound.sent} being recorded);
 *   <li>the ledger has no message received and not done, and no reply stored and neither sent nor failed.
 * </ul>
 *
 * <p>The seed is printed; rerun one with {@code -Dzupa.crash.seed=<seed>}.
 */
class RuntimeCrashIT {
    private static final int MIN_KILLS = Integer.getInteger("zupa.crash.kills", 20);
    private static final int USERS = 200;
    private static final int MESSAGES_PER_USER = 3;
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void killedAgentsAnswerEveryMessageExactlyOnce() throws Exception {
        long seed = Long.getLong("zupa.crash.seed", new SecureRandom().nextLong());
        System.out.println("RuntimeCrashIT seed " + seed + " (rerun with -Dzupa.crash.seed=" + seed + ")");
        var random = new Random(seed);
        var db = dir.resolve("crash.db");
        var input = dir.resolve("input.tsv");
        var output = dir.resolve("output.jsonl");
        var suppressed = dir.resolve("suppressed.tsv");
        var expected = writeInput(input);
        long started = System.nanoTime();

        int kills = 0;
        int killsWithWorkLeft = 0;
        int killsWhileReplying = 0;
        int incarnation = 0;
        String done = "";
        while (true) {
            incarnation++;
            int repliesBefore = lines(output).size();
            var child = ChildJvm.start(
                    RuntimeCrashWorker.class,
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"),
                    List.of(
                            db.toString(),
                            input.toString(),
                            output.toString(),
                            suppressed.toString(),
                            Integer.toString(incarnation)));
            boolean killed;
            try {
                if (kills >= MIN_KILLS) {
                    killed = false;
                    child.awaitExit(CHILD_LIMIT);
                } else if (random.nextInt(8) == 0) {
                    // from JVM start: may land while the JVM boots or while the stores open
                    killed = child.killAfter(Duration.ofMillis(random.nextInt(50, 700)));
                } else {
                    child.awaitReady(CHILD_LIMIT);
                    killed = child.killAfter(Duration.ofMillis(random.nextInt(0, 1200)));
                }
            } finally {
                child.destroy(); // a no-op unless a failure left it running
            }
            if (killed) {
                kills++;
                int repliesAfter = lines(output).size();
                killsWithWorkLeft += repliesAfter < expected.size() ? 1 : 0;
                killsWhileReplying += repliesAfter > repliesBefore && repliesAfter < expected.size() ? 1 : 0;
                continue;
            }
            assertThat(child.exitValue())
                    .as("child exit status, seed %d; output:\n%s", seed, child.output())
                    .isZero();
            done = child.output();
            assertThat(done).contains("DONE");
            if (kills >= MIN_KILLS) {
                break;
            }
        }

        var replies = lines(output).stream().map(FileTransport.Reply::parse).toList();
        var byOutboxId = new HashMap<String, Integer>();
        var byMessage = new HashMap<String, Integer>();
        for (var reply : replies) {
            byOutboxId.merge(reply.outboxId(), 1, Integer::sum);
            byMessage.merge(reply.answers(), 1, Integer::sum);
        }
        int suppressedResends = lines(suppressed).size();
        System.out.printf(
                "RuntimeCrashIT: %d kills (%d with replies still missing, %d after the run had sent some),"
                        + " %d incarnations, %d messages, %d replies,"
                        + " %d re-sends suppressed by outbox id, %.1f s, seed %d; last run: %s%n",
                kills,
                killsWithWorkLeft,
                killsWhileReplying,
                incarnation,
                expected.size(),
                replies.size(),
                suppressedResends,
                (System.nanoTime() - started) / 1e9,
                seed,
                done.lines().filter(l -> l.startsWith("DONE")).findFirst().orElse("?"));

        assertThat(byOutboxId)
                .as("outbox ids sent more than once, seed %d", seed)
                .allSatisfy((id, count) -> assertThat(count).as(id).isOne());
        assertThat(byMessage.keySet())
                .as("answered messages, seed %d", seed)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(byMessage)
                .as("replies per message, seed %d", seed)
                .allSatisfy((id, count) -> assertThat(count).as(id).isOne());
        try (var store = SqliteCheckpointStore.open(db)) {
            assertThat(store.openLedgerEntries("inbound.received", Set.of("inbound.done"), 10_000))
                    .as("messages received and not done")
                    .isEmpty();
            assertThat(store.openLedgerEntries("outbound.stored", Set.of("outbound.sent", "outbound.failed"), 10_000))
                    .as("replies stored and neither sent nor failed")
                    .isEmpty();
        }
        assertThat(kills).isGreaterThanOrEqualTo(MIN_KILLS);
    }

    private static List<String> writeInput(Path input) throws IOException {
        var ids = new ArrayList<String>();
        var text = new StringBuilder();
        for (int m = 1; m <= MESSAGES_PER_USER; m++) {
            for (int u = 1; u <= USERS; u++) {
                var user = "user-%03d".formatted(u);
                var id = user + "-m" + m;
                ids.add(id);
                text.append(user).append('\t').append(id).append('\n');
            }
        }
        Files.writeString(input, text.toString(), StandardCharsets.UTF_8);
        return ids;
    }

    /** The complete lines of a file; a last line without its newline (a write cut short) is left out. */
    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        var content = Files.readString(file, StandardCharsets.UTF_8);
        int end = content.lastIndexOf('\n');
        return end < 0 ? List.of() : content.substring(0, end).lines().toList();
    }
}
