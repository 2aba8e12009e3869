package dev.zupa.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The measuring loop: warm every contender up, then run them in turn (run 1 of each, run 2 of each, ...) so slow
 * drift of a shared VM hits all of them alike. Each run gets a fresh store and graph, built outside the timed part;
 * every invocation uses a new thread id and its result is checked.
 */
final class Harness {
    /** Whether invocations are made from virtual threads instead of platform threads. */
    static volatile boolean virtualInvokers;

    private Harness() {}

    /** One graph plus store, ready to be invoked. Closing it releases the store. */
    interface Target extends AutoCloseable {
        /**
         * Runs one invocation on a new thread id.
         *
         * @return whether the result was the expected one
         */
        boolean invoke(String threadId) throws Exception;

        /** How many checkpoints one thread holds after its invocation, or -1 when unknown. */
        long checkpointsOf(String threadId) throws Exception;

        /** How many checkpoints the store was asked to write since the target was made, or -1 when unknown. */
        default long checkpointWrites() {
            return -1;
        }

        @Override
        void close();
    }

    /** Makes a fresh target for every run. */
    interface Contender {
        String name();

        Target create(String label) throws Exception;

        /** How many invocations one run makes; the scenario's n unless the contender needs its own. */
        default int invocations(int n) {
            return n;
        }

        /** How many concurrent invokers a run uses; the scenario's unless the contender needs its own. */
        default int threads(int threads) {
            return threads;
        }
    }

    /** What one contender measured. */
    static final class Result {
        final String name;
        final List<Double> perSecond = new ArrayList<>();
        final List<Double> writesPerSecond = new ArrayList<>();
        long[] latencies = new long[0];
        long invocations;
        long mismatches;
        long checkpointsOnLastThread = -1;
        long checkpointWrites = -1;
        String firstProblem = "";
        String lastCpu = "";
        final List<Double> gcShare = new ArrayList<>();
        final List<Double> allocatedPerInvocation = new ArrayList<>();
        final List<Double> retainedPerInvocation = new ArrayList<>();

        Result(String name) {
            this.name = name;
        }

        double median() {
            return Harness.median(perSecond);
        }

        double medianWrites() {
            return writesPerSecond.isEmpty() ? -1 : Harness.median(writesPerSecond);
        }

        double writesPerInvocation() {
            return checkpointWrites < 0 ? -1 : (double) checkpointWrites / invocations;
        }

        double percentileMicros(double p) {
            if (latencies.length == 0) {
                return -1;
            }
            var sorted = latencies.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
        }
    }

    static List<Result> compare(
            List<Contender> contenders, int n, int runs, int warmup, int threads, String tag, PrintStream out)
            throws Exception {
        var results = new ArrayList<Result>();
        for (var contender : contenders) {
            results.add(new Result(contender.name()));
            int size = contender.invocations(n);
            int parallel = contender.threads(threads);
            // warm up in rounds of one run's size, each on a fresh target, so that the warm-up store never holds
            // more than a measured run's store does
            long t0 = System.nanoTime();
            var warm = new Result(contender.name());
            int round = 0;
            for (int done = 0; done < warmup; done += size) {
                runOnce(contender, "w" + round++, Math.min(size, warmup - done), parallel, warm);
            }
            if (warmup > 0) {
                out.printf(
                        Locale.ROOT,
                        "  warmup %-30s %,d invocations in %.1f s, mismatches %d%n",
                        contender.name(),
                        warmup,
                        (System.nanoTime() - t0) / 1e9,
                        warm.mismatches);
            }
        }
        for (int run = 1; run <= runs; run++) {
            for (int i = 0; i < contenders.size(); i++) {
                var result = results.get(i);
                var contender = contenders.get(i);
                double perSecond =
                        runOnce(contender, "r" + run, contender.invocations(n), contender.threads(threads), result);
                out.printf(
                        Locale.ROOT,
                        "  run %d  %-30s %,12.1f inv/s  gc %3.0f%%  load %4.1f%s  cpu: %s%n",
                        run,
                        result.name,
                        perSecond,
                        100 * result.gcShare.getLast(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        result.writesPerSecond.isEmpty()
                                ? ""
                                : String.format(
                                        Locale.ROOT, "  %,10.0f checkpoints/s", result.writesPerSecond.getLast()),
                        result.lastCpu);
            }
        }
        for (int i = 0; i < contenders.size(); i++) {
            var contender = contenders.get(i);
            out.println(summary(tag, results.get(i), contender.invocations(n), runs, contender.threads(threads)));
        }
        return results;
    }

    static String summary(String tag, Result r, int n, int runs, int threads) {
        return String.format(
                Locale.ROOT,
                "RESULT %s impl=%s threads=%d n=%d runs=%d median=%.1f min=%.1f max=%.1f p50us=%.1f p99us=%.1f"
                        + " mismatches=%d/%d checkpoints/thread=%d checkpoint-writes/inv=%.2f checkpoints/s=%.0f"
                        + " gc=%.0f%% allocKB/inv=%.1f retainedKB/inv=%.2f%s",
                tag,
                r.name,
                threads,
                n,
                runs,
                r.median(),
                r.perSecond.stream().mapToDouble(d -> d).min().orElse(0),
                r.perSecond.stream().mapToDouble(d -> d).max().orElse(0),
                r.percentileMicros(0.50),
                r.percentileMicros(0.99),
                r.mismatches,
                r.invocations,
                r.checkpointsOnLastThread,
                r.writesPerInvocation(),
                r.medianWrites(),
                100 * median(r.gcShare),
                median(r.allocatedPerInvocation) / 1024,
                median(r.retainedPerInvocation) / 1024,
                r.firstProblem.isEmpty() ? "" : " first-problem=\"" + r.firstProblem + "\"");
    }

    /** Runs {@code n} invocations on {@code threads} platform threads against a fresh target; returns inv/s. */
    private static double runOnce(Contender contender, String label, int n, int threads, Result result)
            throws Exception {
        var latencies = new long[n];
        var mismatches = new AtomicLong();
        var problem = new AtomicReference<String>();
        var nextIndex = new AtomicInteger();
        double perSecond;
        boolean measured = !label.startsWith("w");
        long heapBefore = measured ? usedHeapAfterGc() : 0;
        try (var target = contender.create(label)) {
            long writesBefore = target.checkpointWrites();
            long gcBefore = gcMillis();
            long allocatedBefore = allocatedBytes();
            var cpu = new CpuMeter();
            Runnable worker = () -> {
                int i;
                while ((i = nextIndex.getAndIncrement()) < n) {
                    var threadId = label + "-" + i;
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                        ok = target.invoke(threadId);
                    } catch (Exception | AssertionError e) {
                        ok = false;
                        problem.compareAndSet(null, e.toString());
                    }
                    latencies[i] = System.nanoTime() - start;
                    if (!ok) {
                        mismatches.incrementAndGet();
                    }
                }
                cpu.invokerFinished();
            };
            long start = System.nanoTime();
            var workers = new ArrayList<Thread>(threads);
            for (int t = 0; t < threads; t++) {
                var builder = virtualInvokers ? Thread.ofVirtual() : Thread.ofPlatform();
                workers.add(builder.name("invoker-" + t).start(worker));
            }
            for (var thread : workers) {
                thread.join();
            }
            long elapsed = System.nanoTime() - start;
            perSecond = n / (elapsed / 1e9);
            long gc = gcMillis() - gcBefore;
            long allocated = allocatedBytes() - allocatedBefore;
            long writes = target.checkpointWrites() - writesBefore;
            result.lastCpu = cpu.report(elapsed);
            if (measured) {
                result.perSecond.add(perSecond);
                if (writesBefore >= 0) {
                    result.writesPerSecond.add(writes / (elapsed / 1e9));
                    result.checkpointWrites = Math.max(0, result.checkpointWrites) + writes;
                }
                result.checkpointsOnLastThread = target.checkpointsOf(label + "-" + (n - 1));
                result.gcShare.add(gc / (elapsed / 1e6));
                result.allocatedPerInvocation.add((double) allocated / n);
                result.retainedPerInvocation.add((double) (usedHeapAfterGc() - heapBefore) / n);
                var all = Arrays.copyOf(result.latencies, result.latencies.length + n);
                System.arraycopy(latencies, 0, all, result.latencies.length, n);
                result.latencies = all;
            }
        }
        result.invocations += measured ? n : 0;
        result.mismatches += mismatches.get();
        if (problem.get() != null && result.firstProblem.isEmpty()) {
            result.firstProblem = problem.get();
        }
        return perSecond;
    }

    /** Milliseconds all collectors spent so far (pauses, and for G1 also concurrent cycles' pauses). */
    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** Bytes allocated by all threads so far, or 0 when the JVM cannot tell. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()
                && threads.isThreadAllocatedMemoryEnabled()) {
            return threads.getTotalThreadAllocatedBytes();
        }
        return 0;
    }

    /** Heap in use after a full collection: outside any timed section, also keeps runs from inheriting garbage. */
    private static long usedHeapAfterGc() {
        System.gc();
        var memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed();
    }

    static double median(List<Double> values) {
        var sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
