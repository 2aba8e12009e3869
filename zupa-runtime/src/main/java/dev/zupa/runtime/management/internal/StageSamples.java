package dev.zupa.runtime.management.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.runtime.management.SlaReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stage calls the turn graph records in session threads ({@code model.call}, {@code stt.call}, {@code tool.call},
 * each with its {@code millis}), grouped by stage. A call is attributed to a turn by the next reply its thread stores:
 * one thread runs one turn at a time, and a turn's stage entries come before its {@code outbound.stored}.
 */
final class StageSamples {
    static final String MODEL_CALL = "model.call";
    static final String STT_CALL = "stt.call";
    static final String TOOL_CALL = "tool.call";
    private static final int SLOWEST = 10;

    private record Sample(String stage, boolean ok, Duration duration, LedgerEntry entry) {}

    private final Map<String, List<Sample>> byStage = new TreeMap<>();
    private final Map<String, List<Sample>> unattributed = new HashMap<>();
    private final Map<Sample, String> correlation = new HashMap<>();

    /** Adds a stage entry. */
    void add(LedgerEntry entry, JsonNode payload) {
        var millis = Duration.ofMillis(Math.max(0, payload.path("millis").asLong()));
        var sample =
                switch (entry.type()) {
                    case MODEL_CALL -> new Sample("model", true, millis, entry);
                    case STT_CALL ->
                        new Sample("speech-to-text", payload.path("ok").asBoolean(true), millis, entry);
                    default ->
                        new Sample(
                                "tool:" + payload.path("tool").asText("?"),
                                payload.path("status").asText("SUCCEEDED").equals("SUCCEEDED"),
                                millis,
                                entry);
                };
        byStage.computeIfAbsent(sample.stage(), s -> new ArrayList<>()).add(sample);
        unattributed
                .computeIfAbsent(entry.threadId().value(), t -> new ArrayList<>())
                .add(sample);
    }

    /** A reply stored in a thread: the stage calls recorded there since the last one served its turn. */
    void replyStored(LedgerEntry entry, String correlationId) {
        var pending = unattributed.remove(entry.threadId().value());
        if (pending != null) {
            pending.forEach(s -> correlation.put(s, correlationId));
        }
    }

    /** Each stage's figures, slowest (by p95, then max) first. */
    List<SlaReport.StageStats> stages() {
        var stats = new ArrayList<SlaReport.StageStats>();
        byStage.forEach((stage, samples) -> {
            var sorted = samples.stream().map(Sample::duration).sorted().toList();
            stats.add(new SlaReport.StageStats(
                    stage,
                    samples.size(),
                    samples.stream().filter(s -> !s.ok()).count(),
                    Percentiles.nearestRank(sorted, 0.50),
                    Percentiles.nearestRank(sorted, 0.95),
                    sorted.get(sorted.size() - 1)));
        });
        stats.sort(Comparator.comparing(SlaReport.StageStats::p95)
                .thenComparing(SlaReport.StageStats::max)
                .reversed());
        return stats;
    }

    /** The slowest single calls, slowest first. */
    List<SlaReport.SlowCall> slowest() {
        return byStage.values().stream()
                .flatMap(List::stream)
                .sorted(Comparator.comparing(Sample::duration).reversed())
                .limit(SLOWEST)
                .map(s -> new SlaReport.SlowCall(
                        s.stage(),
                        Optional.ofNullable(correlation.get(s)),
                        s.entry().threadId().value(),
                        s.entry().sequence(),
                        recordedAt(s.entry()),
                        s.duration()))
                .toList();
    }

    private static Instant recordedAt(LedgerEntry entry) {
        return entry.write().recordedAt();
    }
}
