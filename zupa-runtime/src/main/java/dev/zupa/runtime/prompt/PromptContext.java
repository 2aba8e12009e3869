package dev.zupa.runtime.prompt;

import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.User;
import dev.zupa.runtime.memory.SessionValues;
import java.util.List;
import java.util.Map;

/**
 * What a prompt template and a context function see when the system prompt of a turn is built.
 *
 * @since 0.1
 */
public interface PromptContext {

    /**
     * The user.
     *
     * @return the user; never null
     */
    User user();

    /**
     * The session.
     *
     * @return the session; never null
     */
    Session session();

    /**
     * The agent's language code ({@code en}, {@code pt}, …).
     *
     * @return the code; never null
     */
    String language();

    /**
     * The session's key-value store.
     *
     * @return the store; never null
     */
    SessionValues values();

    /**
     * The summaries of the user's most recently ended sessions, newest first.
     *
     * @return the summaries; never null
     */
    List<String> recentSummaries();

    /**
     * The variables the agent's context function returned (empty before it ran).
     *
     * @return the variables; never null
     */
    Map<String, Object> variables();
}
