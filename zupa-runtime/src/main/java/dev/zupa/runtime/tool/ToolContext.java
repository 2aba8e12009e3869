package dev.zupa.runtime.tool;

import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.User;
import dev.zupa.runtime.memory.SessionValues;
import java.time.Instant;

/**
 * What a tool sees while it runs: who it is helping, in which session, and the session's key-value store.
 *
 * @since 0.1
 */
public interface ToolContext {

    /**
     * The user of the turn.
     *
     * @return the user; never null
     */
    User user();

    /**
     * The session of the turn.
     *
     * @return the session; never null
     */
    Session session();

    /**
     * The session's key-value store; writes become durable with the turn.
     *
     * @return the store; never null
     */
    SessionValues values();

    /**
     * The correlation id of the inbound message that started the turn, for logs and outbound requests.
     *
     * @return the id; never null
     */
    String correlationId();

    /**
     * The current time, by the agent's clock.
     *
     * @return now; never null
     */
    Instant now();
}
