package dev.zupa.runtime;

import dev.zupa.core.conversation.SessionId;
import dev.zupa.runtime.reply.StructuredReply;

/**
 * Runs after a structured reply was delivered and recorded, once per reply. An exception here is logged and reported
 * as an event; it never affects delivery.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ResponseHook {

    /**
     * Receives a delivered structured reply.
     *
     * @param sessionId the session; never null
     * @param reply the reply, as the agent's reply type; never null
     * @throws Exception when the hook fails
     */
    void onResponse(SessionId sessionId, StructuredReply reply) throws Exception;
}
