package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.User;
import dev.zupa.core.transport.InboundMessage;
import java.util.List;

/**
 * The input of one turn: the messages it answers (several when the user double-texted), with who sent them and the
 * session they belong to. Stored in the turn's input checkpoint, so a turn cut by a crash resumes with it.
 *
 * @param correlationId the correlation id of the first message, which the turn's reply and ledger entries carry
 * @param user the user
 * @param session the session (the engine thread)
 * @param messages the messages, in arrival order
 * @param receivedKeys the inbox keys of the messages, in the same order
 */
public record TurnInput(
        String correlationId, User user, Session session, List<InboundMessage> messages, List<String> receivedKeys) {

    /** Copies the lists. */
    public TurnInput {
        messages = List.copyOf(messages);
        receivedKeys = List.copyOf(receivedKeys);
    }

    /** The address replies go to. */
    public String replyTo() {
        return messages.get(0).from();
    }

    /** The outbox id of the turn's reply. */
    public String replyId() {
        return correlationId + "/reply";
    }
}
