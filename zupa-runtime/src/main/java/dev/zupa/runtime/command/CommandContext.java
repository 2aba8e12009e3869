package dev.zupa.runtime.command;

import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.User;
import dev.zupa.runtime.memory.SessionValues;
import java.time.Instant;

/**
 * What a command sees while it runs.
 *
 * @since 0.1
 */
public interface CommandContext {

    /**
     * The user who sent the command.
     *
     * @return the user; never null
     */
    User user();

    /**
     * The session it was sent in.
     *
     * @return the session; never null
     */
    Session session();

    /**
     * The session's key-value store.
     *
     * @return the store; never null
     */
    SessionValues values();

    /**
     * The current time, by the agent's clock.
     *
     * @return now; never null
     */
    Instant now();
}
