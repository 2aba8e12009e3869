package dev.zupa.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.conversation.Modality;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import dev.zupa.engine.Durability;
import dev.zupa.engine.Graph;
import dev.zupa.engine.Input;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.StateSnapshot;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointSource;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.OverloadPolicy;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the turns of one lane: routes the batch to its user and session (ending an idle session), drops messages
 * already processed, resumes a turn a crash cut short, runs the turn graph on the session's thread, and sends the
 * reply, or the fallback once when the turn fails.
 */
final class TurnRunner {
    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);

    private final TurnServices services;
    private final AgentSettings settings;
    private final Graph graph;
    private final Events events;
    private final Outbox outbox;
    private final SessionEnds sessionEnds;
    private final Bulkhead slots;
    private final Consumer<Received> finished;

    TurnRunner(
            TurnServices services,
            Graph graph,
            Events events,
            Outbox outbox,
            SessionEnds sessionEnds,
            Bulkhead slots,
            Consumer<Received> finished) {
        this.services = services;
        this.settings = services.settings;
        this.graph = graph;
        this.events = events;
        this.outbox = outbox;
        this.sessionEnds = sessionEnds;
        this.slots = slots;
        this.finished = finished;
    }

    void run(List<Received> batch) {
        var correlationId = batch.get(0).correlationId();
        MDC.put("correlationId", correlationId);
        List<Received> unfinished = batch;
        try {
            if (!slots.tryAcquirePermission()) {
                if (settings.limits().overloadPolicy() == OverloadPolicy.REJECT) {
                    unfinished = List.of();
                    batch.forEach(r -> reject(
                            r,
                            AgentEvent.RejectReason.OVERLOADED,
                            settings.replies().overloaded()));
                    return;
                }
                slots.acquirePermission();
            }
            try {
                unfinished = runAcquired(batch, correlationId);
            } finally {
                // the slot is free before the messages count as done, so an idle agent never holds one
                slots.onComplete();
            }
        } finally {
            unfinished.forEach(finished);
            MDC.remove("correlationId");
        }
    }

    /** Runs the batch; returns the messages the caller still has to count as finished. */
    private List<Received> runAcquired(List<Received> batch, String correlationId) {
        var pending = new ArrayList<>(batch);
        try {
            var first = batch.get(0).message();
            var user = settings.directory()
                    .userFor(
                            first.transport(),
                            first.from(),
                            first.senderName().orElseGet(() -> displayName(first.from())),
                            () -> new UserId(settings.ids().get()),
                            now());
            var session = session(user);
            var thread = ThreadId.of(session.id().value());
            var config = RunConfig.forThread(thread)
                    .durability(settings.durability())
                    .stepLimit(4 + 2 * settings.limits().maxToolRounds() + 2)
                    .metadata("correlationId", correlationId)
                    .metadata("subject", user.id().value())
                    // the audit ledger shows the path each turn took through the turn graph
                    .recordDecisions(true);
            // the latest checkpoint's record tells whether the last run finished; its values are only needed when not
            var head = settings.store().history(thread, "", 1);
            var snapshot = !head.isEmpty() && !head.get(0).nextTasks().isEmpty()
                    ? graph.state(thread)
                    : Optional.<StateSnapshot>empty();
            boolean clearValues = false;
            boolean resumedCut = false;
            if (snapshot.isPresent() && !snapshot.get().finished()) {
                var cut = snapshot.get().values().find(TurnChannels.TURN);
                if (cut.isPresent() && cut.get().receivedKeys().stream().anyMatch(k -> !done(k))) {
                    log.info(
                            "resuming turn {} of session {} cut short by a stop",
                            cut.get().correlationId(),
                            thread);
                    var resumeConfig = config;
                    resumedCut = true;
                    runTurn(cut.get(), () -> graph.resume(resumeConfig));
                    snapshot = graph.state(thread);
                }
                if (snapshot.isPresent() && !snapshot.get().finished()) {
                    // a failed turn was answered with the fallback; the next one starts from the state the last
                    // good turn left (or, before any, the failed turn's input), so nothing the failed turn wrote
                    // (tool values) is kept
                    var history = graph.history(thread, 64);
                    var before = history.stream()
                            .filter(h -> h.finished())
                            .findFirst()
                            // with EXIT the failed run's only checkpoint is its end, whatever its source says
                            .or(() -> history.stream()
                                    .filter(h -> settings.durability() != Durability.EXIT
                                            && h.checkpoint().source() == CheckpointSource.INPUT)
                                    .findFirst());
                    if (before.isEmpty()) {
                        // the session's first turn failed and only its end was stored (EXIT durability): start
                        // from it with the session values the failed turn wrote undone
                        clearValues = true;
                    }
                    config = config.fromCheckpoint(
                            before.orElse(snapshot.get()).checkpoint().id());
                }
            }
            var fresh = new ArrayList<Received>();
            for (var received : batch) {
                // only the messages of a turn just resumed can be processed already: the intake drops redeliveries of
                // processed messages, and every other path closes a message with its processing or its failure
                if (resumedCut && processed(received.message().dedupKey())) {
                    close(received, thread, "duplicate");
                    events.emit(new AgentEvent.InboundDuplicate(now(), received.message()));
                    finished.accept(received);
                    pending.remove(received);
                } else {
                    fresh.add(received);
                }
            }
            if (fresh.isEmpty()) {
                return pending;
            }
            var input = new TurnInput(
                    correlationId,
                    user,
                    session,
                    fresh.stream().map(Received::message).toList(),
                    fresh.stream().map(Received::key).toList());
            var runConfig = config;
            var turnInput = clearValues
                    ? Input.of(TurnChannels.TURN, input).and(TurnChannels.VALUES, Map.<String, JsonNode>of())
                    : Input.of(TurnChannels.TURN, input);
            events.emit(new AgentEvent.TurnStarted(
                    now(),
                    correlationId,
                    session.id(),
                    input.messages().stream().map(m -> m.messageId()).toList()));
            showTyping(input.replyTo());
            runTurn(input, () -> graph.invoke(turnInput, runConfig));
        } catch (RuntimeException | Error e) {
            rethrowFatal(e);
            log.error("routing message {} failed", correlationId, e);
            for (var received : pending) {
                failUnrouted(received, e);
            }
        }
        return pending;
    }

    private void runTurn(TurnInput input, Supplier<RunOutcome> run) {
        var thread = ThreadId.of(input.session().id().value());
        Optional<OutboxItem> reply;
        try {
            var outcome = run.get();
            if (outcome instanceof RunOutcome.Interrupted) {
                throw new IllegalStateException("the turn graph paused on an interrupt, which turns do not use");
            }
            // committed with the turn; read back only when another run (before a restart) stored it
            reply = Optional.ofNullable(services.finalized.remove(input.replyId()))
                    .or(() ->
                            settings.store().ledger(LedgerQuery.keyed(Ledger.OUTBOUND_STORED, input.replyId())).stream()
                                    .findFirst()
                                    .map(entry -> decode(entry.write().payload())));
        } catch (RuntimeException | Error e) {
            services.finalized.remove(input.replyId());
            // an Error from a node (a linkage error after a bad upgrade, an assertion in a tool) is answered and
            // reported like any failure, not left to kill the lane silently
            rethrowFatal(e);
            fail(input, e);
            return;
        }
        var text = "";
        if (reply.isPresent()) {
            var item = reply.get();
            text = item.text();
            events.emit(new AgentEvent.TurnCompleted(
                    now(),
                    input.correlationId(),
                    input.session().id(),
                    input.messages().stream().map(m -> m.messageId()).toList(),
                    text));
            outbox.deliver(item, thread);
        } else {
            events.emit(new AgentEvent.TurnCompleted(
                    now(),
                    input.correlationId(),
                    input.session().id(),
                    input.messages().stream().map(m -> m.messageId()).toList(),
                    text));
        }
        try {
            settings.directory().touch(input.session().id(), now());
        } catch (RuntimeException e) {
            log.warn(
                    "could not record the activity of session {}",
                    input.session().id(),
                    e);
        }
    }

    /** A courtesy: a transport that cannot show it loses nothing. */
    private void showTyping(String to) {
        try {
            settings.transport().typing(to);
        } catch (RuntimeException e) {
            log.debug("could not show typing to {}", to, e);
        }
    }

    record FailureRecord(String error) {}

    /** The JVM itself is failing (out of memory, stack overflow): nothing sensible can be stored or sent. */
    private static void rethrowFatal(Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    private void fail(TurnInput input, Throwable error) {
        log.warn("turn {} failed; sending the fallback reply", input.correlationId(), error);
        var thread = ThreadId.of(input.session().id().value());
        var item = new OutboxItem(
                input.correlationId() + "/fallback",
                input.correlationId(),
                Optional.of(input.session().id().value()),
                input.messages().get(0).transport(),
                input.replyTo(),
                settings.replies().fallback(),
                Modality.TEXT,
                Optional.empty(),
                Optional.empty());
        var writes = new ArrayList<LedgerWrite>();
        writes.add(write(Ledger.TURN_FAILED, Optional.empty(), new FailureRecord(error.toString())));
        writes.add(write(Ledger.OUTBOUND_STORED, Optional.of(item.outboxId()), item));
        for (var key : input.receivedKeys()) {
            writes.add(write(Ledger.INBOUND_DONE, Optional.of(key), "failed"));
        }
        settings.store().appendLedger(thread, "", writes);
        events.emit(new AgentEvent.TurnFailed(
                now(), input.correlationId(), input.session().id(), error.toString()));
        outbox.deliver(item, thread);
    }

    /** A message that never reached a turn (the directory failed): answered with the fallback, closed. */
    private void failUnrouted(Received received, Throwable error) {
        try {
            var item = new OutboxItem(
                    received.correlationId() + "/fallback",
                    received.correlationId(),
                    Optional.empty(),
                    received.message().transport(),
                    received.message().from(),
                    settings.replies().fallback(),
                    Modality.TEXT,
                    Optional.empty(),
                    Optional.empty());
            settings.store()
                    .appendLedger(
                            Ledger.INBOX,
                            "",
                            List.of(
                                    write(Ledger.TURN_FAILED, Optional.empty(), new FailureRecord(error.toString())),
                                    write(Ledger.OUTBOUND_STORED, Optional.of(item.outboxId()), item),
                                    write(Ledger.INBOUND_DONE, Optional.of(received.key()), "failed")));
            outbox.deliver(item, Ledger.INBOX);
        } catch (RuntimeException e) {
            log.error(
                    "could not answer message {} with the fallback either; it is retried on restart",
                    received.key(),
                    e);
        }
    }

    record RejectionRecord(String reason) {}

    /** Answers a message that is not processed, and closes it. */
    void reject(Received received, AgentEvent.RejectReason reason, Optional<String> reply) {
        var writes = new ArrayList<LedgerWrite>();
        writes.add(write(Ledger.INBOUND_REJECTED, Optional.empty(), new RejectionRecord(reason.name())));
        writes.add(write(Ledger.INBOUND_DONE, Optional.of(received.key()), "rejected"));
        Optional<OutboxItem> item = reply.map(text -> new OutboxItem(
                received.correlationId() + "/rejected",
                received.correlationId(),
                Optional.empty(),
                received.message().transport(),
                received.message().from(),
                text,
                Modality.TEXT,
                Optional.empty(),
                Optional.empty()));
        item.ifPresent(i -> writes.add(write(Ledger.OUTBOUND_STORED, Optional.of(i.outboxId()), i)));
        try {
            settings.store().appendLedger(Ledger.INBOX, "", writes);
            events.emit(new AgentEvent.InboundRejected(now(), received.correlationId(), received.message(), reason));
            item.ifPresent(i -> outbox.deliver(i, Ledger.INBOX));
        } finally {
            finished.accept(received);
        }
    }

    private Session session(User user) {
        var now = now();
        var created = new AtomicBoolean();
        Supplier<SessionId> newId = () -> {
            created.set(true);
            return new SessionId(settings.ids().get());
        };
        var session = settings.directory().activeSession(user.id(), newId, now);
        var idle = Duration.between(session.lastActiveAt(), now);
        if (!created.get() && idle.compareTo(settings.limits().sessionIdleTimeout()) >= 0) {
            sessionEnds.end(session, "idle for " + Durations.text(idle), now);
            session = settings.directory().activeSession(user.id(), newId, now);
        }
        if (created.get()) {
            events.emit(new AgentEvent.SessionStarted(now, session.id(), user.id()));
        }
        return session;
    }

    private void close(Received received, ThreadId thread, String how) {
        settings.store()
                .appendLedger(thread, "", List.of(write(Ledger.INBOUND_DONE, Optional.of(received.key()), how)));
    }

    private boolean processed(String dedupKey) {
        return !settings.store()
                .ledger(LedgerQuery.keyed(Ledger.INBOUND_PROCESSED, dedupKey))
                .isEmpty();
    }

    private boolean done(String receivedKey) {
        return !settings.store()
                .ledger(LedgerQuery.keyed(Ledger.INBOUND_DONE, receivedKey))
                .isEmpty();
    }

    private LedgerWrite write(String type, Optional<String> key, Object payload) {
        var entry =
                new LedgerWrite(type, key, services.mapper.valueToTree(payload).toString(), Optional.empty(), now());
        // every entry of a message's handling carries its correlation id (set in MDC for the lane's whole run)
        var correlationId = MDC.get("correlationId");
        return correlationId == null ? entry : entry.withCorrelationId(correlationId);
    }

    private OutboxItem decode(String json) {
        return services.read(json, OutboxItem.class);
    }

    private Instant now() {
        return settings.clock().instant();
    }

    private static String displayName(String address) {
        int colon = address.indexOf(':');
        var name = colon > 0 ? address.substring(0, colon) : address;
        return name.isBlank() ? "Unknown user" : name;
    }
}
