package dev.zupa.runtime.management;

import static dev.zupa.runtime.management.ScriptedLoad.FAST;
import static dev.zupa.runtime.management.ScriptedLoad.MESSAGES;
import static dev.zupa.runtime.management.ScriptedLoad.SLOW;
import static dev.zupa.runtime.management.ScriptedLoad.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.resilience.BreakerState;
import dev.zupa.testkit.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class AgentMetricsTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsAScriptedLoadOfTurnsRepliesAndProviderCalls() throws Exception {
        try (var load = new ScriptedLoad(
                CheckpointStore.inMemory(), ConversationDirectory.inMemory(), "m-", agent -> AgentMetrics.of(agent)
                        .bindTo(registry))) {
            load.run();

            long failing = ScriptedLoad.count(ScriptedLoad::fails);
            long late = ScriptedLoad.count(ScriptedLoad::late);
            long tools = ScriptedLoad.count(ScriptedLoad::usesTool);
            long completed = MESSAGES - failing;
            assertThat(counter("zupa.inbound.received")).isEqualTo(MESSAGES);
            assertThat(counter("zupa.inbound.duplicate")).isEqualTo(ScriptedLoad.count(ScriptedLoad::redelivered));
            assertThat(counter("zupa.turn.completed")).isEqualTo(completed);
            assertThat(counter("zupa.turn.failed")).isEqualTo(failing);
            assertThat(registry.get("zupa.outbound.sent")
                            .tag("modality", "text")
                            .counter()
                            .count())
                    .isEqualTo(MESSAGES);
            assertThat(counter("zupa.outbound.failed")).isZero();
            assertThat(counter("zupa.session.started")).isEqualTo(USERS);

            var turns = registry.get("zupa.turn.duration")
                    .tag("outcome", "completed")
                    .timer();
            assertThat(turns.count()).isEqualTo(completed);
            assertThat(turns.totalTime(TimeUnit.MILLISECONDS))
                    .isEqualTo(ScriptedLoad.completedTotal().toMillis());
            assertThat(turns.max(TimeUnit.SECONDS)).isEqualTo(SLOW.toSeconds());
            assertThat(percentile(turns, 0.5)).isCloseTo(FAST.toMillis(), within(FAST.toMillis() * 0.1));
            assertThat(percentile(turns, 0.99)).isCloseTo(SLOW.toMillis(), within(SLOW.toMillis() * 0.1));
            var failed =
                    registry.get("zupa.turn.duration").tag("outcome", "failed").timer();
            assertThat(failed.count()).isEqualTo(failing);
            assertThat(failed.totalTime(TimeUnit.MILLISECONDS)).isZero();

            // every turn passed the router once; the load's clock only moves inside the model, so routing takes 0
            var router = registry.get("zupa.router.duration").timer();
            assertThat(router.count()).isEqualTo(completed + failing);
            assertThat(router.totalTime(TimeUnit.MILLISECONDS)).isZero();

            var replies = registry.get("zupa.reply.duration").timer();
            assertThat(replies.count()).isEqualTo(MESSAGES);
            assertThat(replies.totalTime(TimeUnit.MILLISECONDS))
                    .isEqualTo(ScriptedLoad.completedTotal().toMillis());

            assertThat(providerCalls("model", "success")).isEqualTo(completed + tools);
            assertThat(providerCalls("model", "bad_request")).isEqualTo(failing);
            assertThat(providerCalls("transport", "success")).isEqualTo(MESSAGES);
            assertThat(late).isPositive();

            assertThat(gauge("zupa.sessions.active")).isEqualTo(USERS);
            assertThat(gauge("zupa.turns.in.flight")).isZero();
            assertThat(gauge("zupa.agent.paused")).isZero();
            assertThat(registry.get("zupa.breaker.state")
                            .tag("provider", "model")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("zupa.turn.completed").counter().getId().getTag("agent"))
                    .isEqualTo("load");
        }
    }

    @Test
    void countsRejectionsByReason() throws Exception {
        try (var load = new ScriptedLoad(
                CheckpointStore.inMemory(),
                ConversationDirectory.inMemory(),
                "r-",
                ManualClock.of(ScriptedLoad.START),
                agent -> AgentMetrics.of(agent).bindTo(registry),
                builder -> builder.singleUser("user-0"))) {
            load.send(0);
            load.send(1);
            load.send(2);

            assertThat(registry.get("zupa.inbound.rejected")
                            .tag("reason", "restricted")
                            .counter()
                            .count())
                    .isEqualTo(2);
            assertThat(counter("zupa.turn.completed")).isEqualTo(1);
            // a rejection's reply is no turn's: only the one turn is timed, and nothing stays in flight
            assertThat(registry.get("zupa.reply.duration").timer().count()).isEqualTo(1);
            assertThat(gauge("zupa.turns.in.flight")).isZero();
        }
    }

    @Test
    void followsBreakersPauseAndDoubleTextedTurnsFromEvents() throws Exception {
        try (var load =
                new ScriptedLoad(CheckpointStore.inMemory(), ConversationDirectory.inMemory(), "e-", agent -> {})) {
            var metrics = AgentMetrics.of(load.agent);
            var second = new SimpleMeterRegistry();
            metrics.bindTo(registry);
            metrics.bindTo(second);
            var at = Instant.parse("2026-03-02T10:00:00Z");

            metrics.onEvent(new AgentEvent.BreakerStateChanged(at, "model", BreakerState.CLOSED, BreakerState.OPEN));
            assertThat(registry.get("zupa.breaker.state")
                            .tag("provider", "model")
                            .gauge()
                            .value())
                    .isEqualTo(2);
            metrics.onEvent(new AgentEvent.BreakerStateChanged(at, "model", BreakerState.OPEN, BreakerState.HALF_OPEN));
            assertThat(second.get("zupa.breaker.state")
                            .tag("provider", "model")
                            .gauge()
                            .value())
                    .isEqualTo(1);

            metrics.onEvent(new AgentEvent.InboundReceived(at, "c-1", message("a")));
            metrics.onEvent(new AgentEvent.InboundReceived(at.plusSeconds(1), "c-2", message("b")));
            assertThat(gauge("zupa.turns.in.flight")).isEqualTo(2);
            metrics.onEvent(new AgentEvent.TurnCompleted(
                    at.plusSeconds(3), "c-1", new SessionId("s-1"), List.of("a", "b"), "both answered"));
            assertThat(gauge("zupa.turns.in.flight")).isZero();
            assertThat(registry.get("zupa.turn.duration").timer().totalTime(TimeUnit.SECONDS))
                    .isEqualTo(3);

            load.agent.pause();
            assertThat(gauge("zupa.agent.paused")).isEqualTo(1);
            load.agent.resume();
            assertThat(gauge("zupa.agent.paused")).isZero();
        }
    }

    private static InboundMessage message(String id) {
        return InboundMessage.text("test", id, "user-9", "hi", Instant.EPOCH);
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private long providerCalls(String provider, String outcome) {
        return registry.find("zupa.provider.call").tag("provider", provider).tag("outcome", outcome).timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    private static double percentile(Timer timer, double percentile) {
        for (var value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("no p" + percentile + " in " + timer.getId());
    }
}
