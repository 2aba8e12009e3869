package dev.zupa.runtime.internal;

import dev.zupa.core.ZupaException;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.OverloadPolicy;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An agent at work: the intake that stores each message in the inbox before the transport acknowledges it, the
 * limits, the per-user lanes, and recovery of the inbox and outbox at start.
 */
public final class AgentRuntime {
    private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);
    private static final int RECOVERY_LIMIT = 100_000;

    private final AgentSettings settings;
    private final List<AutoCloseable> owned;
    private final Events events = new Events();
    private final TurnServices services;
    private final Outbox outbox;
    private final TurnRunner runner;
    private final Lanes lanes;
    private final Bulkhead slots;
    private final UserRates rates;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();
    private int pending;
    private final java.util.ArrayDeque<Received> held = new java.util.ArrayDeque<>();
    private boolean paused;
    private SessionEnds sessionEnds;
    private volatile boolean started;
    private volatile boolean closed;

    /** Builds the runtime of an agent; nothing runs before {@link #start()}. */
    public AgentRuntime(AgentSettings settings, List<AutoCloseable> owned) {
        this.settings = settings;
        this.owned = List.copyOf(owned);
        this.services = new TurnServices(settings, events);
        var limits = settings.limits();
        this.slots = Bulkhead.of(
                "zupa-turns",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(limits.maxConcurrentTurns())
                        .maxWaitDuration(
                                limits.overloadPolicy() == OverloadPolicy.QUEUE ? Duration.ofDays(1) : Duration.ZERO)
                        .build());
        this.rates = new UserRates(limits.messagesPerUserPerMinute());
        var graph = TurnGraph.build(services);
        this.sessionEnds = new SessionEnds(settings, graph, events);
        this.outbox = new Outbox(services, events, sessionEnds, this::begin, this::end);
        this.runner = new TurnRunner(services, graph, events, outbox, sessionEnds, slots, this::finished);
        this.lanes = new Lanes(limits.debounce(), runner::run);
    }

    /** The settings. */
    public AgentSettings settings() {
        return settings;
    }

    /** The listeners. */
    public Events events() {
        return events;
    }

    /** Recovers the outbox and the inbox, then starts the transport. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("agent '" + settings.name() + "' is closed");
        }
        if (started) {
            return;
        }
        started = true;
        var store = settings.store();
        for (var entry : store.openLedgerEntries(Ledger.OUTBOUND_STORED, Ledger.OUTBOUND_CLOSED, RECOVERY_LIMIT)) {
            var item = services.read(entry.write().payload(), OutboxItem.class);
            log.info("sending reply {} left unsent by the previous run", item.outboxId());
            outbox.deliver(item, entry.threadId());
        }
        var open = store.openLedgerEntries(Ledger.INBOUND_RECEIVED, Set.of(Ledger.INBOUND_DONE), RECOVERY_LIMIT);
        for (var entry : open) {
            var received = services.read(entry.write().payload(), Received.class);
            if (inFlight.add(received.message().dedupKey())) {
                begin();
                log.info("answering message {} received before the previous run stopped", received.key());
                lanes.enqueue(laneOf(received.message()), received);
            }
        }
        settings.transport().start(new Intake());
    }

    /** Stops starting turns; messages are still stored and acknowledged, and wait. */
    public void pause() {
        synchronized (held) {
            paused = true;
        }
    }

    /** Starts the turns of the messages that arrived while paused, in arrival order, and of every later one. */
    public void resume() {
        List<Received> waiting;
        synchronized (held) {
            paused = false;
            waiting = List.copyOf(held);
            held.clear();
        }
        waiting.forEach(this::dispatch);
    }

    /** Whether the agent is paused. */
    public boolean paused() {
        synchronized (held) {
            return paused;
        }
    }

    /** Ends an open session as an operator asked; returns whether it was open. */
    public boolean endSession(dev.zupa.core.conversation.SessionId id, String reason) {
        var session = settings.directory().session(id);
        return session.isPresent()
                && sessionEnds.end(session.get(), reason, settings.clock().instant());
    }

    /** The state of each provider's circuit breaker used so far. */
    public java.util.Map<String, dev.zupa.runtime.resilience.BreakerState> breakerStates() {
        return services.calls.breakerStates();
    }

    /** Waits until nothing is waiting, running or being sent. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Stops the transport, lets running work finish (up to a minute), and closes what the agent opened. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            settings.transport().close();
        } catch (RuntimeException e) {
            log.warn("closing the transport failed", e);
        }
        List<Received> waiting;
        synchronized (held) {
            waiting = List.copyOf(held);
            held.clear();
        }
        // messages held by a pause stay in the inbox and are answered after the next start
        waiting.forEach(this::finished);
        try {
            if (!awaitIdle(Duration.ofMinutes(1))) {
                log.warn("agent '{}' closed with work still running; it resumes on the next start", settings.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed", owned.get(i), e);
            }
        }
    }

    private void begin() {
        synchronized (idle) {
            pending++;
        }
    }

    private void end() {
        synchronized (idle) {
            pending--;
            if (pending <= 0) {
                idle.notifyAll();
            }
        }
    }

    private void finished(Received received) {
        inFlight.remove(received.message().dedupKey());
        end();
    }

    private static String laneOf(InboundMessage message) {
        return message.transport() + "/" + message.from();
    }

    private boolean processed(String dedupKey) {
        return !settings.store()
                .ledger(LedgerQuery.keyed(Ledger.INBOUND_PROCESSED, dedupKey))
                .isEmpty();
    }

    /** What the transport delivers to. */
    private final class Intake implements TransportContext {
        @Override
        public void deliver(InboundMessage message) {
            if (closed) {
                throw new ZupaException("agent '" + settings.name() + "' is closed; message " + message.messageId()
                        + " was not stored");
            }
            var now = settings.clock().instant();
            var dedupKey = message.dedupKey();
            // claimed first, checked second: a turn marks its messages processed before it lets go of them, so a
            // redelivery racing the original's turn either finds it still claimed or finds its mark, and the lane
            // need not check the mark again
            boolean claimed = inFlight.add(dedupKey);
            if (!claimed || processed(dedupKey)) {
                if (claimed) {
                    inFlight.remove(dedupKey);
                }
                log.debug("dropping redelivered message {}", dedupKey);
                events.emit(new AgentEvent.InboundDuplicate(now, message));
                return;
            }
            var correlationId = settings.ids().get();
            var received = new Received(correlationId, dedupKey + "#" + correlationId, message);
            MDC.put("correlationId", correlationId);
            try {
                settings.store()
                        .appendLedger(
                                Ledger.INBOX,
                                "",
                                List.of(new LedgerWrite(
                                                Ledger.INBOUND_RECEIVED,
                                                Optional.of(received.key()),
                                                services.mapper
                                                        .valueToTree(received)
                                                        .toString(),
                                                Optional.empty(),
                                                now)
                                        .withCorrelationId(correlationId)));
            } catch (RuntimeException e) {
                inFlight.remove(dedupKey);
                throw new ZupaException("could not store message " + dedupKey + " in the inbox: " + e.getMessage(), e);
            } finally {
                MDC.remove("correlationId");
            }
            begin();
            events.emit(new AgentEvent.InboundReceived(now, correlationId, message));
            synchronized (held) {
                if (paused) {
                    // stored in the inbox and acknowledged; answered once the agent is resumed
                    held.add(received);
                    return;
                }
            }
            dispatch(received);
        }

        @Override
        public void event(TransportEvent event) {
            if (event instanceof TransportEvent.DeliveryStatus status) {
                recordStatus(status);
            }
            events.emit(new AgentEvent.Transport(settings.clock().instant(), event));
        }

        /** The outbox's history of a reply, after it was sent: appended, never overwritten. */
        private void recordStatus(TransportEvent.DeliveryStatus status) {
            try {
                settings.store()
                        .appendLedger(
                                Ledger.INBOX,
                                "",
                                List.of(new LedgerWrite(
                                        Ledger.OUTBOUND_STATUS,
                                        Optional.of(status.transportMessageId() + "/" + status.status()),
                                        services.mapper.valueToTree(status).toString(),
                                        Optional.empty(),
                                        settings.clock().instant())));
            } catch (RuntimeException e) {
                // a redelivered status webhook finds its key taken; any other failure loses only this status
                log.debug("status {} of {} not recorded", status.status(), status.transportMessageId(), e);
            }
        }
    }

    private void dispatch(Received received) {
        var message = received.message();
        var single = settings.singleUser();
        if (single.isPresent() && !single.get().equals(message.from())) {
            runner.reject(
                    received,
                    AgentEvent.RejectReason.RESTRICTED,
                    Optional.of(settings.replies().restricted()));
            return;
        }
        if (!rates.tryAcquire(laneOf(message))) {
            runner.reject(
                    received,
                    AgentEvent.RejectReason.RATE_LIMITED,
                    Optional.of(settings.replies().rateLimited()));
            return;
        }
        lanes.enqueue(laneOf(message), received);
    }
}
