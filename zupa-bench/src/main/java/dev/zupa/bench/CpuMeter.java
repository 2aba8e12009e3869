package dev.zupa.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Where the CPU of a run went: the whole process, the invoker threads together, and the other live threads grouped
 * by name (digits dropped), e.g. the SQLite writer or the virtual-thread carriers. Shown as a share of one core over
 * the run's wall time, so 100% is one core busy and 200% both cores of a 2-vCPU machine.
 */
final class CpuMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long processStart = processCpu();
    private final Map<Long, Long> threadStart = new HashMap<>();
    private final LongAdder invokers = new LongAdder();

    CpuMeter() {
        if (THREADS.isThreadCpuTimeSupported()) {
            for (long id : THREADS.getAllThreadIds()) {
                threadStart.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
            }
        }
    }

    /** Called by each invoker thread when it is done. */
    void invokerFinished() {
        long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        if (cpu > 0) {
            invokers.add(cpu);
        }
    }

    /** e.g. {@code process 160% | invokers 95%, zupa-sqlite-writer 40%, C2 CompilerThread 10%}. */
    String report(long wallNanos) {
        var groups = new HashMap<String, Long>();
        if (THREADS.isThreadCpuTimeSupported()) {
            for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info == null || info.getThreadName().startsWith("invoker-")) {
                    continue;
                }
                long now = THREADS.getThreadCpuTime(info.getThreadId());
                long used = now - threadStart.getOrDefault(info.getThreadId(), 0L);
                if (now > 0 && used > 0) {
                    groups.merge(group(info.getThreadName()), used, Long::sum);
                }
            }
        }
        groups.put("invokers", invokers.sum());
        var top = groups.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(4)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return String.format(Locale.ROOT, "process %.0f%% | ", share(processCpu() - processStart, wallNanos))
                + top.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), share(e.getValue(), wallNanos)))
                        .collect(Collectors.joining(", "));
    }

    private static String group(String name) {
        var trimmed = name.replaceAll("[0-9]+", "").replaceAll("[ /-]+$", "");
        int path = trimmed.indexOf(" /");
        return path > 0 ? trimmed.substring(0, path) : trimmed;
    }

    private static double share(long cpuNanos, long wallNanos) {
        return 100.0 * cpuNanos / wallNanos;
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }
}
