package dev.zupa.examples.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Answers shaped as the management API gives them, and rows built from them, for the view's tests. */
final class Fixtures {
    static final Instant AT = Instant.parse("2026-03-02T09:00:10Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /metrics} of one agent after 40 turns, 2 failed, with the model's breaker half-open. */
    static JsonNode metrics(String at, int completed, boolean paused) {
        return json("""
                {"at": "%s", "meters": [
                  {"name": "zupa.agent.paused", "tags": {"agent": "burgers"}, "type": "gauge", "value": %d},
                  {"name": "zupa.breaker.state", "tags": {"agent": "burgers", "provider": "model"}, "type": "gauge",
                   "value": 1.0},
                  {"name": "zupa.breaker.state", "tags": {"agent": "burgers", "provider": "transport"},
                   "type": "gauge", "value": 0.0},
                  {"name": "zupa.inbound.received", "tags": {"agent": "burgers"}, "type": "counter", "value": 45.0},
                  {"name": "zupa.inbound.duplicate", "tags": {"agent": "burgers"}, "type": "counter", "value": 1.0},
                  {"name": "zupa.inbound.rejected", "tags": {"agent": "burgers", "reason": "rate_limited"},
                   "type": "counter", "value": 2.0},
                  {"name": "zupa.outbound.failed", "tags": {"agent": "burgers"}, "type": "counter", "value": 1.0},
                  {"name": "zupa.outbound.sent", "tags": {"agent": "burgers", "modality": "text"}, "type": "counter",
                   "value": 39.0},
                  {"name": "zupa.provider.call",
                   "tags": {"agent": "burgers", "call": "model call", "outcome": "success", "provider": "model"},
                   "type": "timer", "count": 36, "totalMs": 2400.0, "meanMs": 66.6, "maxMs": 180.0,
                   "p50Ms": 62.5, "p95Ms": 150.2, "p99Ms": 178.9},
                  {"name": "zupa.provider.call",
                   "tags": {"agent": "burgers", "call": "model call", "outcome": "timeout", "provider": "model"},
                   "type": "timer", "count": 4, "totalMs": 120000.0, "meanMs": 30000.0, "maxMs": 30000.0,
                   "p50Ms": 30000.0, "p95Ms": 30000.0, "p99Ms": 30000.0},
                  {"name": "zupa.provider.call",
                   "tags": {"agent": "burgers", "call": "send", "outcome": "success", "provider": "transport"},
                   "type": "timer", "count": 40, "totalMs": 12.0, "meanMs": 0.3, "maxMs": 0.9,
                   "p50Ms": 0.25, "p95Ms": 0.8, "p99Ms": 0.9},
                  {"name": "zupa.reply.duration", "tags": {"agent": "burgers"}, "type": "timer", "count": 39,
                   "totalMs": 4000.0, "meanMs": 102.0, "maxMs": 1250.0},
                  {"name": "zupa.sessions.active", "tags": {"agent": "burgers"}, "type": "gauge", "value": 3.0},
                  {"name": "zupa.turn.completed", "tags": {"agent": "burgers"}, "type": "counter", "value": %d.0},
                  {"name": "zupa.turn.duration", "tags": {"agent": "burgers", "outcome": "completed"},
                   "type": "timer", "count": 38, "totalMs": 4000.0, "meanMs": 105.2, "maxMs": 1300.0,
                   "p50Ms": 98.0, "p95Ms": 1210.0, "p99Ms": 1290.0},
                  {"name": "zupa.turn.failed", "tags": {"agent": "burgers"}, "type": "counter", "value": 2.0},
                  {"name": "zupa.turns.in.flight", "tags": {"agent": "burgers"}, "type": "gauge", "value": null}
                ]}
                """.formatted(at, paused ? 1 : 0, completed));
    }

    static MetricsSummary summary(boolean paused) {
        return MetricsSummary.of(metrics(AT.toString(), 38, paused));
    }

    static SessionRow session(String id, String user, long turns, String lastActiveAt) {
        return new SessionRow("burgers", id, user, "demo:+1555" + user.length(), turns, Instant.parse(lastActiveAt));
    }

    static List<SessionRow> threeSessions() {
        return List.of(
                session("s-ana", "Ana", 5, "2026-03-02T09:00:09Z"),
                session("s-bruno", "Bruno", 2, "2026-03-02T09:00:05Z"),
                session("s-chen", "Chen", 7, "2026-03-02T08:59:58Z"));
    }

    static Snapshot snapshot(List<SessionRow> sessions, boolean paused, TransportState transport) {
        return new Snapshot(sessions, summary(paused), transport, 3.5);
    }

    static TransportState ready() {
        return new TransportState("READY", "", "");
    }
}
