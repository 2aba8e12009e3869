package dev.zupa.runtime.management.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.zupa.core.json.JsonCodec;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.runtime.management.SlaReport;
import dev.zupa.runtime.management.SlaReport.Outcome;
import dev.zupa.runtime.management.Slo;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Judges every message of a window from the runtime's ledger entries (see {@code docs/runtime.md}, "The ledger"):
 *
 * <ul>
 *   <li>{@code inbound.received} (thread {@code zupa:inbox}, key {@code <dedup key>#<correlation id>}): the sample and
 *       its start;
 *   <li>{@code inbound.done} with the same key: {@code "processed"}, {@code "failed"}, {@code "rejected"} or
 *       {@code "duplicate"};
 *   <li>{@code inbound.processed} (key: the dedup key): the correlation id of the turn that answered it, the first
 *       message's when several were answered together;
 *   <li>{@code outbound.stored} / {@code outbound.sent} / {@code outbound.failed} (key: the outbox id,
 *       {@code <turn correlation id>/reply}): the reply and when it was handed to the transport.
 * </ul>
 */
public final class SlaCalculator {
    private static final int MAX_MESSAGES = 200_000;
    private static final String DONE = "inbound.done";
    private static final String PROCESSED = "inbound.processed";
    private static final String STORED = "outbound.stored";
    private static final String SENT = "outbound.sent";
    private static final String FAILED = "outbound.failed";
    private static final Set<String> LATER = Set.of(
            DONE,
            PROCESSED,
            STORED,
            SENT,
            FAILED,
            StageSamples.MODEL_CALL,
            StageSamples.STT_CALL,
            StageSamples.TOOL_CALL);

    private final ObjectMapper mapper = JsonCodec.defaults().mapper();
    private final LedgerSource source;
    private final Slo slo;
    private final Instant from;
    private final Instant to;
    private final Map<String, LedgerEntry> done = new HashMap<>();
    private final Map<String, String> processedBy = new HashMap<>();
    private final Map<String, LedgerEntry> replies = new HashMap<>();
    private final StageSamples stages = new StageSamples();

    /** A calculator for one window. */
    public SlaCalculator(LedgerSource source, Slo slo, Instant from, Instant to) {
        this.source = source;
        this.slo = slo;
        this.from = from;
        this.to = to;
    }

    /** Reads the ledger and judges the window. */
    public SlaReport report() {
        var received = source.received(from, to, MAX_MESSAGES);
        boolean truncated = received.size() > MAX_MESSAGES;
        if (truncated) {
            received = received.subList(0, MAX_MESSAGES);
        }
        if (!received.isEmpty()) {
            source.forEachAfter(received.get(0).sequence() - 1, LATER, this::index);
        }
        var outcomes = new EnumMap<Outcome, Long>(Outcome.class);
        for (var outcome : Outcome.values()) {
            outcomes.put(outcome, 0L);
        }
        var answered = new ArrayList<Duration>();
        long eligible = 0;
        long good = 0;
        for (var entry : received) {
            var judged = judge(entry);
            outcomes.merge(judged.outcome(), 1L, Long::sum);
            if (judged.eligible()) {
                eligible++;
            }
            var latency = judged.latency();
            if (judged.outcome() == Outcome.ANSWERED && latency != null) {
                answered.add(latency);
                if (latency.compareTo(slo.threshold()) <= 0) {
                    good++;
                }
            }
        }
        answered.sort(null);
        double attainment = eligible == 0 ? 100.0 : 100.0 * good / eligible;
        // exact decimals: (1 - 0.9) * 300 is 29.999999999999996 in binary floating point, and budgets are compared
        double budget = BigDecimal.ONE
                .subtract(BigDecimal.valueOf(slo.objective()))
                .multiply(BigDecimal.valueOf(eligible))
                .doubleValue();
        double remaining = eligible == 0 ? 1.0 : 1.0 - (eligible - good) / budget;
        return new SlaReport(
                slo,
                from,
                to,
                outcomes,
                eligible,
                good,
                attainment,
                budget,
                remaining,
                attainment >= slo.objective() * 100,
                new SlaReport.Latency(
                        Percentiles.nearestRank(answered, 0.50),
                        Percentiles.nearestRank(answered, 0.95),
                        Percentiles.nearestRank(answered, 0.99),
                        answered.isEmpty() ? Duration.ZERO : answered.get(answered.size() - 1)),
                stages.stages(),
                stages.slowest(),
                truncated);
    }

    /** One message's end: its outcome, its time to answer when it has one, and whether the objective judges it. */
    private record Judged(Outcome outcome, @Nullable Duration latency, boolean eligible) {}

    private Judged judge(LedgerEntry receivedEntry) {
        var start = receivedEntry.write().recordedAt();
        var key = receivedEntry.write().key().orElse("");
        var closed = done.get(key);
        if (closed == null) {
            return open(start);
        }
        return switch (text(closed)) {
            case "processed" -> processed(receivedEntry, start, closed);
            case "rejected" -> new Judged(Outcome.REJECTED, null, false);
            case "duplicate" -> new Judged(Outcome.DUPLICATE, null, false);
            default -> new Judged(Outcome.FAILED, between(start, closed), true);
        };
    }

    private Judged processed(LedgerEntry receivedEntry, Instant start, LedgerEntry closed) {
        var message = parse(receivedEntry).path("message");
        var dedupKey = message.path("transport").asText() + "/"
                + message.path("messageId").asText();
        var turn = processedBy.getOrDefault(dedupKey, correlationId(receivedEntry));
        var replyId = turn + "/reply";
        var sent = replies.get(SENT + " " + replyId);
        if (sent != null) {
            return new Judged(Outcome.ANSWERED, between(start, sent), true);
        }
        if (replies.containsKey(FAILED + " " + replyId)) {
            return new Judged(Outcome.UNDELIVERED, null, true);
        }
        if (replies.containsKey(STORED + " " + replyId)) {
            return open(start);
        }
        // a turn with nothing to say (a sticker, an empty reply) is answered when its message is closed
        return new Judged(Outcome.ANSWERED, between(start, closed), true);
    }

    private Judged open(Instant start) {
        boolean overdue = start.plus(slo.threshold()).isBefore(to);
        return new Judged(Outcome.OPEN, null, overdue);
    }

    private void index(LedgerEntry entry) {
        var key = entry.write().key();
        switch (entry.type()) {
            case DONE -> key.ifPresent(k -> done.putIfAbsent(k, entry));
            case PROCESSED -> key.ifPresent(k -> processedBy.putIfAbsent(k, text(entry)));
            case STORED -> {
                key.ifPresent(k -> replies.putIfAbsent(STORED + " " + k, entry));
                stages.replyStored(entry, parse(entry).path("correlationId").asText(""));
            }
            case SENT, FAILED -> key.ifPresent(k -> replies.putIfAbsent(entry.type() + " " + k, entry));
            default -> {
                var at = entry.write().recordedAt();
                if (!at.isBefore(from) && !at.isAfter(to)) {
                    stages.add(entry, parse(entry));
                }
            }
        }
    }

    private String correlationId(LedgerEntry receivedEntry) {
        return parse(receivedEntry).path("correlationId").asText("");
    }

    private String text(LedgerEntry entry) {
        return parse(entry).asText("");
    }

    private JsonNode parse(LedgerEntry entry) {
        try {
            return mapper.readTree(entry.write().payload());
        } catch (JsonProcessingException e) {
            // an entry this version cannot read judges nothing rather than failing the whole report
            return MissingNode.getInstance();
        }
    }

    private static Duration between(Instant start, LedgerEntry end) {
        var d = Duration.between(start, end.write().recordedAt());
        return d.isNegative() ? Duration.ZERO : d;
    }
}
