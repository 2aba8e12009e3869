package dev.zupa.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard shows of {@code /metrics}: the {@code zupa.*} meters summed over the server's agents, the latency
 * of each stage and outcome, and each provider's breaker with its error count. {@code at} is the server's clock, so
 * that turns per second are measured between two of its readings, not between two polls that a slow network delays.
 */
record MetricsSummary(
        Instant at,
        long activeSessions,
        long inFlight,
        long turnsCompleted,
        long turnsFailed,
        long sent,
        long sendFailed,
        long received,
        long duplicates,
        long rejected,
        boolean paused,
        List<StageLatency> stages,
        List<BreakerRow> breakers) {

    private static final List<String> BREAKER_STATES = List.of("closed", "half-open", "open");

    static final MetricsSummary EMPTY =
            new MetricsSummary(Instant.EPOCH, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, List.of(), List.of());

    MetricsSummary {
        stages = List.copyOf(stages);
        breakers = List.copyOf(breakers);
    }

    long turns() {
        return turnsCompleted + turnsFailed;
    }

    /** The share of turns answered with the fallback reply, from 0 to 1. */
    double turnFailureRate() {
        return turns() == 0 ? 0 : (double) turnsFailed / turns();
    }

    /** The share of replies that could not be sent, from 0 to 1. */
    double sendFailureRate() {
        long all = sent + sendFailed;
        return all == 0 ? 0 : (double) sendFailed / all;
    }

    /** Turns ended per second between an earlier reading and this one; 0 when the clock did not move on. */
    double turnsPerSecondSince(MetricsSummary earlier) {
        var elapsed = Duration.between(earlier.at, at);
        if (elapsed.isNegative() || elapsed.isZero() || earlier.at.equals(Instant.EPOCH)) {
            return 0;
        }
        // counters restart at zero with the server: a drop is not a negative rate
        return Math.max(0, turns() - earlier.turns()) / (elapsed.toNanos() / 1e9);
    }

    static MetricsSummary of(JsonNode body) {
        var meters = body.path("meters");
        var agents = new HashSet<String>();
        meters.forEach(m -> agents.add(m.path("tags").path("agent").asText("")));
        boolean several = agents.size() > 1;
        var stages = new ArrayList<StageLatency>();
        var breakers = new TreeMap<String, long[]>();
        var states = new TreeMap<String, String>();
        for (var meter : meters) {
            var name = meter.path("name").asText("");
            var tags = meter.path("tags");
            if (meter.path("type").asText("").equals("timer")) {
                stages.add(latency(meter, several));
            }
            if (name.equals("zupa.provider.call")) {
                var tally = breakers.computeIfAbsent(tags.path("provider").asText("?"), p -> new long[2]);
                tally[0] += meter.path("count").asLong();
                if (!tags.path("outcome").asText("success").equals("success")) {
                    tally[1] += meter.path("count").asLong();
                }
            }
            if (name.equals("zupa.breaker.state")) {
                var provider = tags.path("provider").asText("?");
                breakers.computeIfAbsent(provider, p -> new long[2]);
                states.merge(provider, BreakerRow.state(meter.path("value").asDouble()), MetricsSummary::worse);
            }
        }
        stages.sort(Comparator.comparingInt(MetricsSummary::rank));
        var rows = new ArrayList<BreakerRow>();
        for (Map.Entry<String, long[]> e : breakers.entrySet()) {
            rows.add(new BreakerRow(
                    e.getKey(), states.getOrDefault(e.getKey(), "closed"), e.getValue()[0], e.getValue()[1]));
        }
        return new MetricsSummary(
                Json.instant(body.path("at")),
                sum(meters, "zupa.sessions.active"),
                sum(meters, "zupa.turns.in.flight"),
                sum(meters, "zupa.turn.completed"),
                sum(meters, "zupa.turn.failed"),
                sum(meters, "zupa.outbound.sent"),
                sum(meters, "zupa.outbound.failed"),
                sum(meters, "zupa.inbound.received"),
                sum(meters, "zupa.inbound.duplicate"),
                sum(meters, "zupa.inbound.rejected"),
                sum(meters, "zupa.agent.paused") > 0,
                stages,
                rows);
    }

    private static StageLatency latency(JsonNode meter, boolean several) {
        var tags = meter.path("tags");
        var stage =
                switch (meter.path("name").asText("")) {
                    case "zupa.turn.duration" -> "turn";
                    case "zupa.reply.duration" -> "reply";
                    case "zupa.provider.call" ->
                        call(
                                tags.path("provider").asText("?"),
                                tags.path("call").asText(""));
                    default -> meter.path("name").asText("").replaceFirst("^zupa\\.", "");
                };
        return new StageLatency(
                several ? tags.path("agent").asText("") + "/" + stage.strip() : stage.strip(),
                tags.path("outcome").asText(""),
                meter.path("count").asLong(),
                Json.number(meter.path("p50Ms")),
                Json.number(meter.path("p95Ms")),
                Json.number(meter.path("p99Ms")),
                Json.number(meter.path("maxMs")));
    }

    /** {@code model call} rather than {@code model model call}; {@code transport send} as it is. */
    private static String call(String provider, String what) {
        return what.startsWith(provider) ? what : provider + " " + what;
    }

    /** Whole turns first, then replies, then provider calls, each in the server's order. */
    private static int rank(StageLatency latency) {
        var stage = latency.stage().substring(latency.stage().indexOf('/') + 1);
        if (stage.equals("turn")) {
            return 0;
        }
        return stage.equals("reply") ? 1 : 2;
    }

    /** Two agents' breakers of one provider: the dashboard shows the one in the worse state. */
    private static String worse(String a, String b) {
        return BREAKER_STATES.indexOf(a) >= BREAKER_STATES.indexOf(b) ? a : b;
    }

    private static long sum(JsonNode meters, String name) {
        double total = 0;
        for (var meter : meters) {
            if (meter.path("name").asText("").equals(name)) {
                // a gauge that cannot be read now comes as null, which counts as nothing
                total += meter.path("type").asText("").equals("timer")
                        ? meter.path("count").asDouble()
                        : meter.path("value").asDouble(0);
            }
        }
        return Math.round(total);
    }
}
