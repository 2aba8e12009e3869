package dev.zupa.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsSummaryTest {

    @Test
    void sumsTheCountersAndReadsTheGauges() {
        var m = Fixtures.summary(true);

        assertThat(m.at()).isEqualTo(Fixtures.AT);
        assertThat(m.turnsCompleted()).isEqualTo(38);
        assertThat(m.turnsFailed()).isEqualTo(2);
        assertThat(m.turns()).isEqualTo(40);
        assertThat(m.turnFailureRate()).isEqualTo(0.05);
        assertThat(m.sendFailureRate()).isEqualTo(1.0 / 40);
        assertThat(m.activeSessions()).isEqualTo(3);
        assertThat(m.received()).isEqualTo(45);
        assertThat(m.duplicates()).isEqualTo(1);
        assertThat(m.rejected()).isEqualTo(2);
        // a gauge the server could not read comes as null and counts as nothing
        assertThat(m.inFlight()).isZero();
        assertThat(m.paused()).isTrue();
        assertThat(Fixtures.summary(false).paused()).isFalse();
    }

    @Test
    void listsWholeTurnsFirstThenRepliesThenProviderCallsWithTheirPercentiles() {
        var stages = Fixtures.summary(false).stages();

        assertThat(stages)
                .extracting(StageLatency::stage, StageLatency::outcome, StageLatency::count)
                .containsExactly(
                        tuple("turn", "completed", 38L),
                        tuple("reply", "", 39L),
                        tuple("model call", "success", 36L),
                        tuple("model call", "timeout", 4L),
                        tuple("transport send", "success", 40L));
        var turn = stages.get(0);
        assertThat(turn.p50()).isEqualTo(98.0);
        assertThat(turn.p95()).isEqualTo(1210.0);
        assertThat(turn.p99()).isEqualTo(1290.0);
        assertThat(turn.max()).isEqualTo(1300.0);
        // the server left the reply's percentiles out: not measured is not zero
        assertThat(stages.get(1).p50()).isNaN();
    }

    @Test
    void givesEachProviderItsBreakerStateAndErrorRate() {
        var breakers = Fixtures.summary(false).breakers();

        assertThat(breakers)
                .containsExactly(
                        new BreakerRow("model", "half-open", 40, 4), new BreakerRow("transport", "closed", 40, 0));
        assertThat(breakers.get(0).errorRate()).isEqualTo(0.1);
        assertThat(BreakerRow.state(0)).isEqualTo("closed");
        assertThat(BreakerRow.state(1)).isEqualTo("half-open");
        assertThat(BreakerRow.state(2)).isEqualTo("open");
        assertThat(new BreakerRow("stt", "closed", 0, 0).errorRate()).isZero();
    }

    @Test
    void measuresTurnsPerSecondBetweenTwoReadingsOfTheServersClock() {
        var earlier = MetricsSummary.of(Fixtures.metrics("2026-03-02T09:00:08Z", 30, false));
        var later = MetricsSummary.of(Fixtures.metrics("2026-03-02T09:00:10Z", 38, false));

        assertThat(later.turnsPerSecondSince(earlier)).isCloseTo(4.0, within(1e-9));
        // the first reading, the same instant, and a restarted server (counters back at zero) give no rate
        assertThat(later.turnsPerSecondSince(MetricsSummary.EMPTY)).isZero();
        assertThat(later.turnsPerSecondSince(later)).isZero();
        assertThat(earlier.turnsPerSecondSince(MetricsSummary.of(Fixtures.metrics("2026-03-02T09:00:07Z", 90, false))))
                .isZero();
    }

    @Test
    void namesTheAgentOfEachStageWhenTheServerHasSeveral() {
        var body = Fixtures.json("""
                {"at": "2026-03-02T09:00:10Z", "meters": [
                  {"name": "zupa.turn.duration", "tags": {"agent": "burgers", "outcome": "completed"},
                   "type": "timer", "count": 1, "maxMs": 5.0, "p50Ms": 5.0, "p95Ms": 5.0, "p99Ms": 5.0},
                  {"name": "zupa.turn.duration", "tags": {"agent": "tutor", "outcome": "completed"},
                   "type": "timer", "count": 2, "maxMs": 9.0, "p50Ms": 9.0, "p95Ms": 9.0, "p99Ms": 9.0},
                  {"name": "zupa.breaker.state", "tags": {"agent": "burgers", "provider": "model"}, "type": "gauge",
                   "value": 0.0},
                  {"name": "zupa.breaker.state", "tags": {"agent": "tutor", "provider": "model"}, "type": "gauge",
                   "value": 2.0},
                  {"name": "zupa.turn.completed", "tags": {"agent": "burgers"}, "type": "counter", "value": 1.0},
                  {"name": "zupa.turn.completed", "tags": {"agent": "tutor"}, "type": "counter", "value": 2.0}
                ]}
                """);

        var m = MetricsSummary.of(body);

        assertThat(m.stages()).extracting(StageLatency::stage).containsExactly("burgers/turn", "tutor/turn");
        assertThat(m.turnsCompleted()).isEqualTo(3);
        // one row per provider, in the worse of its agents' states
        assertThat(m.breakers()).containsExactly(new BreakerRow("model", "open", 0, 0));
    }

    @Test
    void readsAnEmptyOrOddAnswerAsNothingRatherThanFailing() {
        var m = MetricsSummary.of(Fixtures.json("{\"meters\": [{\"name\": 3}]}"));

        assertThat(m.at()).isEqualTo(Instant.EPOCH);
        assertThat(m.turns()).isZero();
        assertThat(m.stages()).isEmpty();
        assertThat(m.breakers()).isEmpty();
    }
}
