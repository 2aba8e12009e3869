package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Modality;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.speech.SpeechRequest;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.reply.StructuredReply;
import dev.zupa.runtime.resilience.ProviderRole;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends replies stored in the outbox and marks them sent. A voice reply is synthesised here; a synthesis or voice send
 * failure falls back to the same reply as text. Transient send errors are retried; a reply that cannot be sent is
 * marked failed, never sent twice by this process.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final TurnServices services;
    private final AgentSettings settings;
    private final Events events;
    private final Runnable begin;
    private final Runnable end;
    private final SessionEnds sessionEnds;
    private final Set<String> delivering = ConcurrentHashMap.newKeySet();

    Outbox(TurnServices services, Events events, SessionEnds sessionEnds, Runnable begin, Runnable end) {
        this.services = services;
        this.settings = services.settings;
        this.events = events;
        this.sessionEnds = sessionEnds;
        this.begin = begin;
        this.end = end;
    }

    record SentRecord(String modality, Optional<String> transportMessageId) {}

    record FailedRecord(String error) {}

    void deliver(OutboxItem item, ThreadId thread) {
        if (!delivering.add(item.outboxId())) {
            return;
        }
        begin.run();
        // a reply recovered at start runs outside any lane; its log lines still name the message it answers
        var previous = MDC.get("correlationId");
        MDC.put("correlationId", item.correlationId());
        try {
            var used = Modality.TEXT;
            Delivery delivery;
            try {
                Optional<Delivery> voice = item.modality() == Modality.VOICE
                                && settings.textToSpeech().isPresent()
                        ? sendVoice(item)
                        : Optional.empty();
                if (voice.isPresent()) {
                    used = Modality.VOICE;
                    delivery = voice.get();
                } else {
                    delivery = send(
                            new OutboundMessage(item.outboxId(), item.to(), new OutboundContent.Text(item.text())));
                }
            } catch (RuntimeException e) {
                log.error("could not send reply {} to {}", item.outboxId(), item.to(), e);
                try {
                    mark(thread, Ledger.OUTBOUND_FAILED, item, new FailedRecord(e.toString()));
                } catch (RuntimeException again) {
                    log.error(
                            "could not record that reply {} failed; it is sent again on restart",
                            item.outboxId(),
                            again);
                }
                events.emit(new AgentEvent.OutboundFailed(
                        settings.clock().instant(), item.correlationId(), item.outboxId(), e.toString()));
                // the user asked to end it (/reset) or the model did: an unsent goodbye does not keep it open
                endSession(item);
                return;
            }
            try {
                mark(thread, Ledger.OUTBOUND_SENT, item, new SentRecord(used.name(), delivery.transportMessageId()));
            } catch (RuntimeException e) {
                // delivered, but unrecorded: a restart sends it again unless the transport honours the outbox id
                log.error("reply {} was sent but could not be recorded as sent", item.outboxId(), e);
            }
            events.emit(new AgentEvent.OutboundSent(
                    settings.clock().instant(), item.correlationId(), item.outboxId(), item.to(), used));
            endSession(item);
            runResponseHook(item);
        } finally {
            // only now: the session end and the response hook are part of delivering, for awaitIdle
            delivering.remove(item.outboxId());
            if (previous == null) {
                MDC.remove("correlationId");
            } else {
                MDC.put("correlationId", previous);
            }
            end.run();
        }
    }

    private Optional<Delivery> sendVoice(OutboxItem item) {
        try {
            var language = settings.language().equals("auto")
                    ? Optional.<Locale>empty()
                    : Optional.of(Locale.forLanguageTag(settings.language()));
            var audio = services.calls.call(
                    ProviderRole.TEXT_TO_SPEECH, "text-to-speech", "speech synthesis", () -> settings.textToSpeech()
                            .get()
                            .synthesize(new SpeechRequest(
                                    item.text(), SpeechRequest.AudioFormat.OPUS, settings.voice(), language)));
            return Optional.of(send(
                    new OutboundMessage(item.outboxId(), item.to(), new OutboundContent.Voice(audio, item.text()))));
        } catch (RuntimeException e) {
            log.warn("voice reply {} failed; sending it as text", item.outboxId(), e);
            return Optional.empty();
        }
    }

    private Delivery send(OutboundMessage message) {
        return services.calls.call(
                ProviderRole.TRANSPORT, settings.transport().name(), "send", () -> settings.transport()
                        .send(message));
    }

    private void mark(ThreadId thread, String type, OutboxItem item, Object payload) {
        settings.store()
                .appendLedger(
                        thread,
                        "",
                        List.of(new LedgerWrite(
                                        type,
                                        Optional.of(item.outboxId()),
                                        services.mapper.valueToTree(payload).toString(),
                                        Optional.empty(),
                                        settings.clock().instant())
                                .withCorrelationId(item.correlationId())));
    }

    private void endSession(OutboxItem item) {
        if (item.sessionEnd().isPresent() && item.sessionId().isPresent()) {
            try {
                sessionEnds.end(
                        new SessionId(item.sessionId().get()), item.sessionEnd().get());
            } catch (RuntimeException e) {
                log.warn(
                        "could not end session {} after its last reply",
                        item.sessionId().get(),
                        e);
            }
        }
    }

    private void runResponseHook(OutboxItem item) {
        if (item.structured().isPresent()
                && item.sessionId().isPresent()
                && settings.responseHook().isPresent()
                && settings.replyType().isPresent()) {
            try {
                StructuredReply reply = services.mapper.readValue(
                        item.structured().get(), settings.replyType().get());
                settings.responseHook()
                        .get()
                        .onResponse(new SessionId(item.sessionId().get()), reply);
            } catch (Exception e) {
                log.warn("the response hook failed for reply {}", item.outboxId(), e);
                events.emit(new AgentEvent.ResponseHookFailed(
                        settings.clock().instant(),
                        item.correlationId(),
                        new SessionId(item.sessionId().get()),
                        item.outboxId(),
                        e.toString()));
            }
        }
    }
}
