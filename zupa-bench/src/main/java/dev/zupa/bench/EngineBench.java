package dev.zupa.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Load harness: Zupa and LangGraph4j 1.8.17 side by side on the same workloads, in one JVM.
 *
 * <pre>
 * java -cp ... dev.zupa.bench.EngineBench scenario=linear store=memory n=10000 runs=5 warmup=5000 threads=1
 * </pre>
 *
 * <p>Scenarios:
 *
 * <ul>
 *   <li>{@code linear}: START→n1..n10→END, n = n + 1 per node. {@code store=memory} runs Zupa (in-memory store) and
 *       LangGraph4j (MemorySaver); {@code store=sqlite} runs Zupa on the SQLite store (SYNC durability) next to the
 *       raw SQLite commit ceiling; {@code store=file} runs LangGraph4j's FileSystemSaver.
 *   <li>{@code fanout}: START→seed→{b1..b8}→join→END over an appending list, in memory; LangGraph4j with
 *       {@code Channels.appender} and with {@code Channels.appenderWithDuplicate} ({@code lg4jChannel=appender|dup|both}).
 *   <li>{@code raw}: the raw SQLite ceiling alone (single-row INSERT + COMMIT, WAL, synchronous=FULL, 1 thread).
 *   <li>{@code growth}: one conversation of {@code turns} turns; bytes handed to the store per turn.
 * </ul>
 *
 * <p>Other arguments: {@code impl=zupa|lg4j|both}; {@code n} invocations per run; {@code runs}; {@code warmup}
 * invocations before the first run (in rounds of {@code n}); {@code threads} concurrent invokers;
 * {@code invokers=platform|virtual} the kind of invoking thread; {@code sleepMs} a sleep in each fan-out branch;
 * {@code rawN} commits per raw-ceiling run; {@code payload} bytes per raw row; {@code turns} for growth;
 * {@code dir} for database files. Lines starting with {@code RESULT} and {@code RATIO} are the summary.
 */
public final class EngineBench {
    private EngineBench() {}

    /**
     * Runs one scenario.
     *
     * @param args {@code key=value} arguments, see the class comment
     * @throws Exception when the harness itself fails (mismatches are reported, not thrown)
     */
    public static void main(String[] args) throws Exception {
        run(Options.parse(args), System.out);
    }

    static void run(Options o, PrintStream out) throws Exception {
        var scenario = o.text("scenario", "linear");
        var store = o.text("store", "memory");
        int n = o.integer("n", 10_000);
        int runs = o.integer("runs", 5);
        int warmup = o.integer("warmup", Math.min(n, 5_000));
        int threads = o.integer("threads", 1);
        int sleepMs = o.integer("sleepMs", 0);
        var dir = o.dir();
        Harness.virtualInvokers = o.text("invokers", "platform").equals("virtual");
        Files.createDirectories(dir);
        out.printf(
                Locale.ROOT,
                "# EngineBench %s | java %s (%s) | %d cpus | max heap %d MiB%n",
                String.join(
                        " ",
                        o.values().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .toList()),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        var tag = "scenario=" + scenario + " store=" + store + (Harness.virtualInvokers ? " invokers=virtual" : "")
                + (sleepMs > 0 ? " sleepMs=" + sleepMs : "");
        switch (scenario) {
            case "linear", "fanout" -> {
                var contenders = new ArrayList<Harness.Contender>();
                if (scenario.equals("linear") && store.equals("file")) {
                    contenders.add(Lg4jWorkloads.contender(
                            "lg4j-filesystemsaver", "linear", 0, Lg4jWorkloads.Saver.FILE, dir));
                } else {
                    if (o.includes("zupa")) {
                        contenders.add(ZupaWorkloads.contender(
                                "zupa-" + store, scenario, sleepMs, () -> Stores.open(store, dir, scenario)));
                    }
                    if (o.includes("lg4j") && store.equals("memory")) {
                        if (scenario.equals("linear")) {
                            contenders.add(Lg4jWorkloads.contender(
                                    "lg4j-memorysaver", "linear", 0, Lg4jWorkloads.Saver.MEMORY, dir));
                        } else {
                            var channel = o.text("lg4jChannel", "both");
                            if (!channel.equals("dup")) {
                                contenders.add(Lg4jWorkloads.contender(
                                        "lg4j-memorysaver-appender",
                                        "fanout",
                                        sleepMs,
                                        Lg4jWorkloads.Saver.MEMORY,
                                        dir));
                            }
                            if (!channel.equals("appender")) {
                                contenders.add(Lg4jWorkloads.contender(
                                        "lg4j-memorysaver-appenderDup",
                                        "fanout-dup",
                                        sleepMs,
                                        Lg4jWorkloads.Saver.MEMORY,
                                        dir));
                            }
                        }
                    }
                }
                if (store.equals("sqlite")) {
                    // measured in the same JVM, interleaved run by run with Zupa, so both see the same disk
                    contenders.addFirst(RawSqlite.contender(dir, o.integer("rawN", 2_000), o.integer("payload", 200)));
                }
                var results = Harness.compare(contenders, n, runs, warmup, threads, tag, out);
                ratios(results, tag, threads, sleepMs == 0, out);
            }
            case "raw" ->
                Harness.compare(
                        List.of(RawSqlite.contender(dir, n, o.integer("payload", 200))), n, runs, warmup, 1, tag, out);
            case "growth" -> {
                int turns = o.integer("turns", 1_000);
                // one discarded conversation first, so that the measured one's latencies are not the JIT's
                int warmTurns = Math.min(turns, o.integer("warmup", 300));
                if (o.includes("zupa")) {
                    if (warmTurns > 0) {
                        try (var inner = Stores.open(store, dir, "growth-warmup")) {
                            Growth.zupa("warmup", inner, warmTurns);
                        }
                    }
                    try (var inner = Stores.open(store, dir, "growth")) {
                        Growth.report(Growth.zupa("zupa-" + store, inner, turns), tag, out);
                    }
                }
                if (o.includes("lg4j")) {
                    if (warmTurns > 0) {
                        Growth.lg4j("warmup", warmTurns);
                    }
                    Growth.report(Growth.lg4j("lg4j-memorysaver", turns), "scenario=growth store=memory", out);
                }
            }
            default ->
                throw new IllegalArgumentException("unknown scenario '" + scenario + "' (linear, fanout, raw, growth)");
        }
    }

    private static void ratios(
            List<Harness.Result> results, String tag, int threads, boolean targeted, PrintStream out) {
        var raw = results.stream().filter(r -> r.name.startsWith("raw")).findFirst();
        double ceiling = raw.map(Harness.Result::medianWrites).orElse(-1.0);
        var zupa = results.stream().filter(r -> r.name.startsWith("zupa")).findFirst();
        if (zupa.isEmpty()) {
            return;
        }
        var z = zupa.get();
        for (var other : results) {
            if (other == z || other.median() <= 0 || other.name.startsWith("raw")) {
                continue;
            }
            double ratio = z.median() / other.median();
            out.printf(
                    Locale.ROOT,
                    "RATIO %s threads=%d %s/%s = %.2fx (%s); p50 latency %.1f us vs %.1f us = %.2fx%s%n",
                    tag,
                    threads,
                    z.name,
                    other.name,
                    ratio,
                    targeted ? "target >= 10x: " + (ratio >= 10 ? "met" : "missed") : "probe, no target",
                    other.percentileMicros(0.5),
                    z.percentileMicros(0.5),
                    other.percentileMicros(0.5) / z.percentileMicros(0.5),
                    other.mismatches > 0 ? " [" + other.name + " had " + other.mismatches + " wrong results]" : "");
        }
        if (ceiling > 0) {
            double ratio = z.medianWrites() / ceiling;
            double target = threads == 1 ? 0.8 : 7.0;
            out.printf(
                    Locale.ROOT,
                    "RATIO %s threads=%d %s checkpoints/s / raw 1-thread commits/s = %.0f / %.0f = %.2fx"
                            + " (target >= %.1fx: %s)%n",
                    tag,
                    threads,
                    z.name,
                    z.medianWrites(),
                    ceiling,
                    ratio,
                    target,
                    ratio >= target ? "met" : "missed");
        }
    }
}
