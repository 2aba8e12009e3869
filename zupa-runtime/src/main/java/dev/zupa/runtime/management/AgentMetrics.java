package dev.zupa.runtime.management;

import dev.zupa.runtime.Agent;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.AgentListener;
import dev.zupa.runtime.management.internal.InFlightTurns;
import dev.zupa.runtime.resilience.BreakerState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent's events as Micrometer meters: latency timers (with p50, p95 and p99 and a percentile histogram) for whole
 * turns, for replies and for every provider call; counters of messages, turns, replies and sessions; gauges of active
 * sessions, turns in flight, breaker states and the paused flag. Every meter is named {@code zupa.*} and tagged
 * {@code agent=<name>}; {@code docs/operations.md} lists them.
 *
 * <pre>{@code
 * var agent = Agent.builder()...build();
 * AgentMetrics.of(agent).bindTo(registry);   // before start(), so that no event is missed
 * agent.start();
 * }</pre>
 *
 * <p>Latencies are measured between the events' own times, so they follow the agent's {@link java.time.Clock}. A turn's
 * time runs from its first message's {@link AgentEvent.InboundReceived} to its {@link AgentEvent.TurnCompleted} or
 * {@link AgentEvent.TurnFailed}; the table of messages in flight is bounded (10,000 messages, one hour), so messages
 * whose end is never reported cannot grow it. Events before {@link #bindTo} are not counted in that registry.
 *
 * <p>Thread-safe; may be bound to several registries.
 *
 * @since 0.1
 */
public final class AgentMetrics implements AgentListener, MeterBinder {
    private static final int IN_FLIGHT_CAPACITY = 10_000;
    private static final Duration IN_FLIGHT_MAX_AGE = Duration.ofHours(1);
    private static final int ACTIVE_SESSIONS_LIMIT = 100_000;

    private final Agent agent;
    private final Tags tags;
    private final InFlightTurns inFlight = new InFlightTurns(IN_FLIGHT_CAPACITY, IN_FLIGHT_MAX_AGE);
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<String, BreakerState> breakers = new ConcurrentHashMap<>();

    /** The counters and what they count; those without tags of their own are registered at zero when bound. */
    private static final Map<String, String> COUNTERS = Map.ofEntries(
            Map.entry("zupa.inbound.received", "Messages stored in the inbox"),
            Map.entry("zupa.inbound.duplicate", "Redelivered messages dropped"),
            Map.entry("zupa.inbound.rejected", "Messages not processed, by reason"),
            Map.entry("zupa.turn.completed", "Turns that stored a reply"),
            Map.entry("zupa.turn.failed", "Turns answered with the fallback reply"),
            Map.entry("zupa.outbound.sent", "Replies handed to the transport, by modality"),
            Map.entry("zupa.outbound.failed", "Replies that could not be sent after retries"),
            Map.entry("zupa.session.started", "Sessions begun"),
            Map.entry("zupa.session.ended", "Sessions ended"),
            Map.entry("zupa.response.hook.failed", "Response hooks that threw"));

    private static final List<String> TAGGED = List.of("zupa.inbound.rejected", "zupa.outbound.sent");

    private AgentMetrics(Agent agent) {
        this.agent = agent;
        this.tags = Tags.of("agent", agent.name());
    }

    /**
     * Creates the metrics of an agent and adds them to its listeners. Call before {@link Agent#start()}.
     *
     * @param agent the agent; never null
     * @return the metrics, bound to no registry yet; never null
     */
    public static AgentMetrics of(Agent agent) {
        Objects.requireNonNull(agent, "agent");
        var metrics = new AgentMetrics(agent);
        agent.addListener(metrics);
        return metrics;
    }

    /**
     * Registers the meters in a registry; from now on every event is counted there too.
     *
     * @param registry the registry; never null
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Gauge.builder("zupa.sessions.active", this, AgentMetrics::activeSessions)
                .description("Open sessions in the agent's directory")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        Gauge.builder("zupa.turns.in.flight", this, m -> m.inFlight.size())
                .description("Messages received and not yet answered")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        Gauge.builder("zupa.agent.paused", this, m -> m.agent.paused() ? 1 : 0)
                .description("1 while the agent is paused, else 0")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        COUNTERS.keySet().stream()
                .filter(name -> !TAGGED.contains(name))
                .forEach(name -> counter(registry, name, Tags.empty()));
        registries.add(registry);
        breakers.keySet().forEach(provider -> breakerGauge(registry, provider));
    }

    /**
     * Counts one event. Called by the agent.
     *
     * @param event the event; never null
     */
    @Override
    public void onEvent(AgentEvent event) {
        switch (event) {
            case AgentEvent.InboundReceived e -> {
                inFlight.received(e.correlationId(), e.message().messageId(), e.at());
                count("zupa.inbound.received", Tags.empty());
            }
            case AgentEvent.InboundDuplicate e -> count("zupa.inbound.duplicate", Tags.empty());
            case AgentEvent.InboundRejected e -> {
                inFlight.rejected(e.correlationId());
                count(
                        "zupa.inbound.rejected",
                        Tags.of("reason", e.reason().name().toLowerCase(Locale.ROOT)));
            }
            case AgentEvent.TurnStarted e ->
                inFlight.receivedAt(e.correlationId())
                        .ifPresent(received -> time(
                                "zupa.router.duration",
                                "From a message stored in the inbox to its turn starting: limits, queueing, routing, dedup",
                                Tags.empty(),
                                between(received, e.at())));
            case AgentEvent.TurnCompleted e -> {
                turnEnded(e.correlationId(), e.messageIds(), !e.reply().isEmpty(), e.at(), "completed");
                count("zupa.turn.completed", Tags.empty());
            }
            case AgentEvent.TurnFailed e -> {
                turnEnded(e.correlationId(), List.of(), true, e.at(), "failed");
                count("zupa.turn.failed", Tags.empty());
            }
            case AgentEvent.OutboundSent e -> {
                inFlight.replied(e.correlationId())
                        .ifPresent(at -> time(
                                "zupa.reply.duration",
                                "From a message stored in the inbox to its turn's reply handed to the transport",
                                Tags.empty(),
                                between(at, e.at())));
                count(
                        "zupa.outbound.sent",
                        Tags.of("modality", e.modality().name().toLowerCase(Locale.ROOT)));
            }
            case AgentEvent.OutboundFailed e -> {
                inFlight.replied(e.correlationId());
                count("zupa.outbound.failed", Tags.empty());
            }
            case AgentEvent.SessionStarted e -> count("zupa.session.started", Tags.empty());
            case AgentEvent.SessionEnded e -> count("zupa.session.ended", Tags.empty());
            case AgentEvent.ResponseHookFailed e -> count("zupa.response.hook.failed", Tags.empty());
            case AgentEvent.ProviderCalled e -> providerCalled(e);
            case AgentEvent.BreakerStateChanged e -> breaker(e.provider(), e.to());
            case AgentEvent.Transport e -> {
                // connection events are the management server's business; they carry no measurement
            }
            case AgentEvent.ModelToken e -> {
                // a piece of a streamed answer; the call it belongs to is measured by ProviderCalled
            }
        }
    }

    private void turnEnded(String correlationId, List<String> messageIds, boolean replies, Instant at, String outcome) {
        inFlight.turnEnded(correlationId, messageIds, replies)
                .ifPresent(received -> time(
                        "zupa.turn.duration",
                        "From a turn's first message stored in the inbox to the turn's end",
                        Tags.of("outcome", outcome),
                        between(received, at)));
    }

    private void providerCalled(AgentEvent.ProviderCalled e) {
        breakers.computeIfAbsent(e.provider(), provider -> {
            registries.forEach(r -> breakerGauge(r, provider));
            return BreakerState.CLOSED;
        });
        var outcome = e.error().map(k -> k.name().toLowerCase(Locale.ROOT)).orElse("success");
        time(
                "zupa.provider.call",
                "A provider call from its first attempt to its outcome, retries included",
                Tags.of("provider", e.provider(), "call", e.what(), "outcome", outcome),
                e.duration());
        if (e.attempts() > 1) {
            for (var registry : registries) {
                Counter.builder("zupa.provider.retries")
                        .description("Attempts after the first, by provider")
                        .tags(tags)
                        .tag("provider", e.provider())
                        .register(registry)
                        .increment(e.attempts() - 1);
            }
        }
    }

    private void breaker(String provider, BreakerState state) {
        if (breakers.put(provider, state) == null) {
            registries.forEach(r -> breakerGauge(r, provider));
        }
    }

    private void breakerGauge(MeterRegistry registry, String provider) {
        Gauge.builder("zupa.breaker.state", this, m -> code(m.breakers.getOrDefault(provider, BreakerState.CLOSED)))
                .description("Circuit breaker state: 0 closed (or disabled), 1 half-open, 2 open")
                .tags(tags)
                .tag("provider", provider)
                .strongReference(true)
                .register(registry);
    }

    private static double code(BreakerState state) {
        return switch (state) {
            case CLOSED, DISABLED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    private double activeSessions() {
        try {
            return agent.directory().activeSessions(ACTIVE_SESSIONS_LIMIT).size();
        } catch (RuntimeException e) {
            // a closed directory has nothing to report; a gauge must not throw into the registry
            return Double.NaN;
        }
    }

    private void count(String name, Tags extra) {
        for (var registry : registries) {
            counter(registry, name, extra).increment();
        }
    }

    private Counter counter(MeterRegistry registry, String name, Tags extra) {
        return Counter.builder(name)
                .description(COUNTERS.get(name))
                .tags(tags)
                .tags(extra)
                .register(registry);
    }

    private void time(String name, String description, Tags extra, Duration duration) {
        for (var registry : registries) {
            Timer.builder(name)
                    .description(description)
                    .tags(tags)
                    .tags(extra)
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(duration);
        }
    }

    private static Duration between(Instant from, Instant to) {
        var d = Duration.between(from, to);
        // a clock set back must not produce a negative latency
        return d.isNegative() ? Duration.ZERO : d;
    }
}
