package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Modality;
import java.util.Optional;

/**
 * A reply stored in the outbox (as an {@code outbound.stored} ledger entry) before it is sent. It holds the decision,
 * not the audio: a voice reply is synthesised when it is delivered, so audio never enters the ledger and a reply
 * delivered after a crash is synthesised again.
 *
 * @param outboxId the id, also the ledger key
 * @param correlationId the correlation id of the message it answers
 * @param sessionId the session, empty for replies to messages that reached no session (rate limited, restricted)
 * @param transport the transport's name
 * @param to the recipient
 * @param text the text
 * @param modality how to send it
 * @param sessionEnd why the session ends once it is sent, or empty when it goes on
 * @param structured the structured reply as JSON, for the response hook
 */
public record OutboxItem(
        String outboxId,
        String correlationId,
        Optional<String> sessionId,
        String transport,
        String to,
        String text,
        Modality modality,
        Optional<String> sessionEnd,
        Optional<String> structured) {}
