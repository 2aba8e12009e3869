package dev.zupa.runtime;

import dev.zupa.core.conversation.Modality;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.UserId;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.TransportEvent;
import dev.zupa.runtime.resilience.BreakerState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent reports to its listeners. Every event of one inbound message carries its correlation id.
 *
 * <p>This sealed set may grow in minor releases; a {@code switch} over it should have a {@code default} branch.
 *
 * @since 0.1
 */
public sealed interface AgentEvent {

    /**
     * When it happened, by the agent's clock.
     *
     * @return the time; never null
     */
    Instant at();

    /**
     * A message was stored in the inbox.
     *
     * @param at when
     * @param correlationId the id that follows the message through the runtime
     * @param message the message
     */
    record InboundReceived(Instant at, String correlationId, InboundMessage message) implements AgentEvent {
        /** Validates the event. */
        public InboundReceived {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A redelivered message was dropped: it had been processed, or is being processed.
     *
     * @param at when
     * @param message the message
     */
    record InboundDuplicate(Instant at, InboundMessage message) implements AgentEvent {
        /** Validates the event. */
        public InboundDuplicate {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A message was not processed.
     *
     * @param at when
     * @param correlationId its correlation id
     * @param message the message
     * @param reason why
     */
    record InboundRejected(Instant at, String correlationId, InboundMessage message, RejectReason reason)
            implements AgentEvent {
        /** Validates the event. */
        public InboundRejected {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a message was not processed. */
    enum RejectReason {
        /** Its sender was over the per-user rate. */
        RATE_LIMITED,
        /** The agent was running its maximum number of turns and the policy is to reject. */
        OVERLOADED,
        /** The agent serves a single user and the sender is someone else. */
        RESTRICTED
    }

    /**
     * A session began.
     *
     * @param at when
     * @param sessionId the session
     * @param userId its user
     */
    record SessionStarted(Instant at, SessionId sessionId, UserId userId) implements AgentEvent {
        /** Validates the event. */
        public SessionStarted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * A session ended.
     *
     * @param at when
     * @param sessionId the session
     * @param summary the summary it was ended with
     */
    record SessionEnded(Instant at, SessionId sessionId, String summary) implements AgentEvent {
        /** Validates the event. */
        public SessionEnded {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * A turn finished and its reply is stored in the outbox.
     *
     * @param at when
     * @param correlationId the correlation id of its first message
     * @param sessionId the session
     * @param messageIds the transport ids of the messages it answered (more than one when double-texted)
     * @param reply the reply text, empty when the turn had nothing to say
     */
    record TurnCompleted(Instant at, String correlationId, SessionId sessionId, List<String> messageIds, String reply)
            implements AgentEvent {
        /** Validates the event. */
        public TurnCompleted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(sessionId, "sessionId");
            messageIds = List.copyOf(messageIds);
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * A turn failed; the user gets the fallback reply once.
     *
     * @param at when
     * @param correlationId the correlation id of its first message
     * @param sessionId the session
     * @param error what went wrong
     */
    record TurnFailed(Instant at, String correlationId, SessionId sessionId, String error) implements AgentEvent {
        /** Validates the event. */
        public TurnFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * A reply was handed to the transport.
     *
     * @param at when
     * @param correlationId the correlation id
     * @param outboxId the outbox id
     * @param to the recipient
     * @param modality how it was sent (text when a voice reply fell back to text)
     */
    record OutboundSent(Instant at, String correlationId, String outboxId, String to, Modality modality)
            implements AgentEvent {
        /** Validates the event. */
        public OutboundSent {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(outboxId, "outboxId");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(modality, "modality");
        }
    }

    /**
     * A reply could not be sent after retries.
     *
     * @param at when
     * @param correlationId the correlation id
     * @param outboxId the outbox id
     * @param error what went wrong
     */
    record OutboundFailed(Instant at, String correlationId, String outboxId, String error) implements AgentEvent {
        /** Validates the event. */
        public OutboundFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(outboxId, "outboxId");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * The application's {@link ResponseHook} threw for a reply that was delivered. The reply stays delivered; the
     * hook is not called again for it.
     *
     * @param at when
     * @param correlationId the correlation id of the turn
     * @param sessionId the session of the reply
     * @param outboxId the outbox id of the delivered reply
     * @param error what the hook threw
     */
    record ResponseHookFailed(Instant at, String correlationId, SessionId sessionId, String outboxId, String error)
            implements AgentEvent {
        /** Validates the event. */
        public ResponseHookFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(outboxId, "outboxId");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * The router has found the user and the session, dropped redeliveries, and the turn graph is about to run: the
     * end of the router stage.
     *
     * @param at when
     * @param correlationId the correlation id of the turn
     * @param sessionId the session the turn runs in
     * @param messageIds the transport ids of the messages the turn answers
     */
    record TurnStarted(Instant at, String correlationId, SessionId sessionId, List<String> messageIds)
            implements AgentEvent {
        /** Validates the event. */
        public TurnStarted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(sessionId, "sessionId");
            messageIds = List.copyOf(messageIds);
        }
    }

    /**
     * A piece of the model's answer, as it is produced (only when the agent streams: {@code
     * Agent.builder().streamTokens(true)}). The pieces of one call join into the answer's text; a call that is retried
     * streams again from its start, and a structured reply streams its JSON. The reply as sent is in {@link
     * TurnCompleted}.
     *
     * @param at when
     * @param correlationId the correlation id of the turn
     * @param sessionId the session
     * @param text the piece; never empty
     */
    record ModelToken(Instant at, String correlationId, SessionId sessionId, String text) implements AgentEvent {
        /** Validates the event. */
        public ModelToken {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A call to a provider finished, after its retries: how long it took in all and how it ended. The basis of the
     * per-stage latency and error metrics.
     *
     * @param at when it finished
     * @param correlationId the correlation id of the turn or delivery it served; empty when there was none
     * @param provider the breaker's name: {@code model}, {@code speech-to-text}, {@code text-to-speech},
     *     {@code transport}
     * @param what the call, such as {@code model call}, {@code transcription}, {@code send}
     * @param duration the time from the first attempt to the outcome, waits between retries included
     * @param attempts how many attempts were made (0 when the breaker was open)
     * @param error the error's kind when it failed; empty on success
     */
    record ProviderCalled(
            Instant at,
            String correlationId,
            String provider,
            String what,
            java.time.Duration duration,
            int attempts,
            Optional<ProviderErrorKind> error)
            implements AgentEvent {
        /** Validates the event. */
        public ProviderCalled {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * A provider's circuit breaker changed state: it opened after repeated transient failures, let trial calls through,
     * or closed again.
     *
     * @param at when
     * @param provider the breaker's name: a {@link dev.zupa.runtime.resilience.ProviderRole#label() role label} such
     *     as {@code model}, or {@code tool:<name>}
     * @param from the state before
     * @param to the state now
     */
    record BreakerStateChanged(Instant at, String provider, BreakerState from, BreakerState to) implements AgentEvent {
        /** Validates the event. */
        public BreakerStateChanged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * The transport reported a connection event (a QR code to scan, ready, disconnected).
     *
     * @param at when
     * @param event the transport's event
     */
    record Transport(Instant at, TransportEvent event) implements AgentEvent {
        /** Validates the event. */
        public Transport {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(event, "event");
        }
    }
}
