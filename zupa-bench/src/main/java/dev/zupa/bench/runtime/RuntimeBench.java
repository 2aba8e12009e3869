package dev.zupa.bench.runtime;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.adapters.sqlite.SqliteConversationDirectory;
import dev.zupa.engine.Durability;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.Limits;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end load harness for the runtime: an {@link Agent} on SQLite stores (one temporary file), a model that answers
 * at once, and an in-process transport whose users are virtual threads.
 *
 * <pre>
 * java -cp ... dev.zupa.bench.runtime.RuntimeBench scenario=throughput users=1000 seconds=30 warmup=15
 * java -cp ... dev.zupa.bench.runtime.RuntimeBench scenario=idle sessions=100000 users=1000
 * </pre>
 *
 * <ul>
 *   <li>{@code throughput}: {@code users} users in a closed loop (each sends its next message once it has the reply to
 *       the previous one) for {@code warmup} seconds, then {@code seconds} measured seconds: turns per second, and the
 *       latency the framework adds, from the transport's {@code deliver} call to the runtime's {@code send} of the
 *       reply, less the model's time (measured; about a microsecond here).
 *   <li>{@code latency}: {@code users} users who each send a message every {@code users / rate} seconds, so that
 *       {@code rate} turns per second are offered: the latency the framework adds when it keeps up with the load.
 *   <li>{@code idle}: {@code sessions} users send one message each ({@code users} at a time); once all are answered
 *       and the agent is idle, the heap used after full collections, less the heap used after the first tenth, per
 *       session.
 * </ul>
 *
 * <p>Other arguments: {@code durability=sync|async}; {@code dir} for the database file; {@code files=two} puts the
 * conversation directory in a second file instead of sharing the store's (to see what sharing the writer costs). Lines starting with
 * {@code RESULT} are the summary.
 */
public final class RuntimeBench {
    private static final Set<String> KNOWN = Set.of(
            "scenario", "users", "seconds", "warmup", "sessions", "durability", "dir", "files", "synchronous", "rate");
    private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(2);

    private RuntimeBench() {}

    /**
     * Runs one scenario.
     *
     * @param args {@code key=value} arguments, see the class comment
     * @throws Exception when the harness fails
     */
    public static void main(String[] args) throws Exception {
        run(parse(args), System.out);
    }

    static Map<String, String> parse(String... args) {
        var values = new LinkedHashMap<String, String>();
        for (var arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || !KNOWN.contains(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; known keys: " + KNOWN);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return values;
    }

    static void run(Map<String, String> o, PrintStream out) throws Exception {
        var scenario = o.getOrDefault("scenario", "throughput");
        var durability = Durability.valueOf(o.getOrDefault("durability", "sync").toUpperCase(Locale.ROOT));
        var dir = Path.of(o.getOrDefault("dir", System.getProperty("java.io.tmpdir") + "/zupa-bench"));
        Files.createDirectories(dir);
        out.printf(
                Locale.ROOT,
                "# RuntimeBench %s | java %s (%s) | %d cpus | max heap %d MiB | %s%n",
                String.join(
                        " ",
                        o.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .toList()),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        var file = Files.createTempFile(dir, "runtime-bench-", ".db");
        var directoryFile = o.getOrDefault("files", "one").equals("two") ? Path.of(file + "-directory.db") : file;
        var synchronous = SqliteCheckpointStore.Synchronous.parse(o.getOrDefault("synchronous", "full"));
        try (var fixture =
                new Fixture(file, directoryFile, durability, synchronous, Math.max(32, integer(o, "users", 1000)))) {
            switch (scenario) {
                case "throughput" -> throughput(fixture, o, durability, out);
                case "latency" -> latency(fixture, o, durability, out);
                case "idle" -> idle(fixture, o, durability, out);
                default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "'");
            }
        } finally {
            for (var suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(file + suffix));
                Files.deleteIfExists(Path.of(directoryFile + suffix));
            }
        }
    }

    private static void throughput(Fixture f, Map<String, String> o, Durability durability, PrintStream out)
            throws Exception {
        int users = integer(o, "users", 1000);
        int seconds = integer(o, "seconds", 30);
        int warmup = integer(o, "warmup", 15);
        var from = new AtomicLong(Long.MAX_VALUE); // the measured window, in nanoTime
        var until = new AtomicLong(Long.MAX_VALUE);
        var stop = new AtomicBoolean();
        var failures = new AtomicLong();
        var samples = new ArrayList<long[]>();
        var threads = new ArrayList<Thread>();
        for (int u = 0; u < users; u++) {
            var user = "user-" + u;
            var mine = new long[1][];
            mine[0] = new long[256];
            var count = new int[1];
            threads.add(Thread.ofVirtual().name(user).start(() -> {
                while (!stop.get()) {
                    try {
                        long latency = f.transport.exchange(user, "hello", REPLY_TIMEOUT);
                        long end = System.nanoTime();
                        if (end >= from.get() && end <= until.get()) {
                            if (count[0] == mine[0].length) {
                                mine[0] = Arrays.copyOf(mine[0], count[0] * 2);
                            }
                            mine[0][count[0]++] = latency;
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
                synchronized (samples) {
                    samples.add(Arrays.copyOf(mine[0], count[0]));
                }
            }));
        }
        Thread.sleep(Duration.ofSeconds(warmup));
        var before = f.snapshot();
        from.set(System.nanoTime());
        Thread.sleep(Duration.ofSeconds(seconds));
        until.set(System.nanoTime());
        var after = f.snapshot();
        stop.set(true);
        for (var thread : threads) {
            thread.join();
        }
        if (!f.agent.awaitIdle(REPLY_TIMEOUT)) {
            throw new IllegalStateException("the agent did not become idle");
        }
        var all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double elapsed = (until.get() - from.get()) / 1e9;
        long turns = all.length;
        long modelCalls = after.modelCalls - before.modelCalls;
        double modelMicros = modelCalls == 0 ? 0 : (after.modelNanos - before.modelNanos) / 1e3 / modelCalls;
        double perTurn = Math.max(1, turns);
        out.printf(
                Locale.ROOT,
                "RESULT scenario=throughput durability=%s users=%d seconds=%.1f turns=%d turns/s=%.0f"
                        + " framework-ms p50=%.2f p95=%.2f p99=%.2f max=%.2f | model-us mean=%.1f"
                        + " | per turn: checkpoints=%.2f ledger-appends=%.2f pending-writes=%.2f ledger-reads=%.2f"
                        + " | cpu=%.0f%% of %d cpus | written-kb/turn=%.1f | strays=%d failures=%d%n",
                durability,
                users,
                elapsed,
                turns,
                turns / elapsed,
                framework(all, 0.50, modelMicros),
                framework(all, 0.95, modelMicros),
                framework(all, 0.99, modelMicros),
                framework(all, 1.0, modelMicros),
                modelMicros,
                (after.checkpoints - before.checkpoints) / perTurn,
                (after.ledgerAppends - before.ledgerAppends) / perTurn,
                (after.pendingWrites - before.pendingWrites) / perTurn,
                (after.ledgerReads - before.ledgerReads) / perTurn,
                100.0
                        * (after.cpuNanos - before.cpuNanos)
                        / (until.get() - from.get())
                        / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors(),
                (after.writtenBytes - before.writtenBytes) / 1024.0 / perTurn,
                f.transport.strays(),
                failures.get());
    }

    /**
     * Users who pause between messages: each sends one message every {@code users / rate} seconds (first ones spread
     * evenly over that interval), waiting for the reply before the next. The offered load is {@code rate} turns per
     * second, below the saturation point that {@code throughput} finds, so the latency is the framework's own and not
     * a queue's.
     */
    private static void latency(Fixture f, Map<String, String> o, Durability durability, PrintStream out)
            throws Exception {
        int users = integer(o, "users", 1000);
        int rate = integer(o, "rate", 500);
        int seconds = integer(o, "seconds", 30);
        int warmup = integer(o, "warmup", 15);
        long interval = Math.round(1e9 * users / rate);
        long start = System.nanoTime() + 100_000_000L;
        long from = start + warmup * 1_000_000_000L;
        long until = from + seconds * 1_000_000_000L;
        var failures = new AtomicLong();
        var late = new AtomicLong();
        var samples = new ArrayList<long[]>();
        var threads = new ArrayList<Thread>();
        for (int u = 0; u < users; u++) {
            var user = "user-" + u;
            long first = start + interval * u / users;
            threads.add(Thread.ofVirtual().name(user).start(() -> {
                var mine = new long[64];
                int count = 0;
                long next = first;
                while (next < until) {
                    long wait = next - System.nanoTime();
                    try {
                        if (wait > 0) {
                            Thread.sleep(Duration.ofNanos(wait));
                        }
                        long latency = f.transport.exchange(user, "hello", REPLY_TIMEOUT);
                        if (next >= from) {
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, count * 2);
                            }
                            mine[count++] = latency;
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    next += interval;
                    if (next < System.nanoTime()) {
                        // the reply came after this user's next message was due: that message goes now, not twice
                        late.incrementAndGet();
                        next = System.nanoTime();
                    }
                }
                synchronized (samples) {
                    samples.add(Arrays.copyOf(mine, count));
                }
            }));
        }
        Thread.sleep(Duration.ofNanos(from - System.nanoTime()));
        var before = f.snapshot();
        Thread.sleep(Duration.ofNanos(until - System.nanoTime()));
        var after = f.snapshot();
        for (var thread : threads) {
            thread.join();
        }
        if (!f.agent.awaitIdle(REPLY_TIMEOUT)) {
            throw new IllegalStateException("the agent did not become idle");
        }
        var all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long modelCalls = after.modelCalls - before.modelCalls;
        double modelMicros = modelCalls == 0 ? 0 : (after.modelNanos - before.modelNanos) / 1e3 / modelCalls;
        out.printf(
                Locale.ROOT,
                "RESULT scenario=latency durability=%s users=%d offered-turns/s=%d measured-turns=%d turns/s=%.0f"
                        + " framework-ms p50=%.2f p95=%.2f p99=%.2f p99.9=%.2f max=%.2f | model-us mean=%.1f"
                        + " | cpu=%.0f%% of %d cpus | late=%d strays=%d failures=%d%n",
                durability,
                users,
                rate,
                all.length,
                all.length / (seconds * 1.0),
                framework(all, 0.50, modelMicros),
                framework(all, 0.95, modelMicros),
                framework(all, 0.99, modelMicros),
                framework(all, 0.999, modelMicros),
                framework(all, 1.0, modelMicros),
                modelMicros,
                100.0
                        * (after.cpuNanos - before.cpuNanos)
                        / (until - from)
                        / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors(),
                late.get(),
                f.transport.strays(),
                failures.get());
    }

    private static double framework(long[] sorted, double quantile, double modelMicros) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return Math.max(0, sorted[Math.max(0, index)] / 1e6 - modelMicros / 1e3);
    }

    private static void idle(Fixture f, Map<String, String> o, Durability durability, PrintStream out)
            throws Exception {
        int sessions = integer(o, "sessions", 100_000);
        int users = Math.min(integer(o, "users", 1000), sessions);
        int first = Math.max(1, sessions / 10);
        long started = System.nanoTime();
        load(f, 0, first, users);
        long baseline = usedHeapAfterGc();
        load(f, first, sessions, users);
        double seconds = (System.nanoTime() - started) / 1e9;
        long used = usedHeapAfterGc();
        var sessionsCounted = sessions - first;
        out.printf(
                Locale.ROOT,
                "RESULT scenario=idle durability=%s sessions=%d heap-after-first-%d=%.1fMiB heap-after-all=%.1fMiB"
                        + " bytes/idle-session=%.0f | load took %.1f s (%.0f turns/s) | strays=%d%n",
                durability,
                sessions,
                first,
                baseline / 1048576.0,
                used / 1048576.0,
                (double) (used - baseline) / sessionsCounted,
                seconds,
                sessions / seconds,
                f.transport.strays());
    }

    /** Users {@code from} to {@code to} (exclusive) send one message each, {@code concurrency} at a time. */
    private static void load(Fixture f, int from, int to, int concurrency) throws Exception {
        var next = new AtomicLong(from);
        var failures = new AtomicLong();
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                long u;
                while ((u = next.getAndIncrement()) < to) {
                    try {
                        f.transport.exchange("idle-" + u, "hello", REPLY_TIMEOUT);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
        if (!f.agent.awaitIdle(REPLY_TIMEOUT)) {
            throw new IllegalStateException("the agent did not become idle");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " users got no reply");
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static int integer(Map<String, String> o, String key, int fallback) {
        var value = o.get(key);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    /** The agent under test and what it is measured with. */
    private static final class Fixture implements AutoCloseable {
        final SqliteCheckpointStore sqlite;
        final SqliteConversationDirectory directory;
        final CountingStore store;
        final FixedReplyModel model = new FixedReplyModel();
        final BenchTransport transport = new BenchTransport();
        final Agent agent;

        Fixture(
                Path file,
                Path directoryFile,
                Durability durability,
                SqliteCheckpointStore.Synchronous synchronous,
                int maxConcurrentTurns) {
            this.sqlite = SqliteCheckpointStore.builder()
                    .path(file)
                    .synchronous(synchronous)
                    .build();
            this.directory = SqliteConversationDirectory.builder()
                    .path(directoryFile)
                    .synchronous(synchronous)
                    .build();
            this.store = new CountingStore(sqlite);
            var limits = Limits.builder()
                    .messagesPerUserPerMinute(1_000_000)
                    .maxConcurrentTurns(maxConcurrentTurns)
                    .build();
            this.agent = Agent.builder()
                    .name("bench")
                    .instructions("You answer briefly.")
                    .chatModel(model)
                    .transport(transport)
                    .checkpointStore(store)
                    .directory(directory)
                    .limits(limits)
                    .durability(durability)
                    .build();
            agent.start();
        }

        Snapshot snapshot() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            long cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
            return new Snapshot(
                    model.calls(),
                    model.nanos(),
                    store.checkpoints.sum(),
                    store.ledgerAppends.sum(),
                    store.pendingWrites.sum(),
                    store.ledgerReads.sum(),
                    cpu,
                    writtenBytes());
        }

        @Override
        public void close() {
            agent.close();
            directory.close();
            sqlite.close();
        }
    }

    private record Snapshot(
            long modelCalls,
            long modelNanos,
            long checkpoints,
            long ledgerAppends,
            long pendingWrites,
            long ledgerReads,
            long cpuNanos,
            long writtenBytes) {}

    /** Bytes this process has written to files so far (Linux {@code /proc/self/io} wchar); 0 where unknown. */
    private static long writtenBytes() {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: the figure is left out
        }
        return 0;
    }
}
