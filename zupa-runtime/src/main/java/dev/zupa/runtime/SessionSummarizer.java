package dev.zupa.runtime;

import dev.zupa.core.conversation.Session;
import dev.zupa.core.message.Message;
import java.util.List;

/**
 * Writes the summary a session is ended with (after it was idle too long, or by {@code /reset}). Summaries of
 * recent sessions are available to the prompt template as {@code {{summaries}}}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SessionSummarizer {

    /**
     * Summarises a session.
     *
     * @param session the session being ended; never null
     * @param memory its working memory (the most recent messages); never null
     * @param reason why it ends ({@code idle}, {@code reset}, {@code ended by the agent}); never null
     * @return the summary; never null
     */
    String summarize(Session session, List<Message> memory, String reason);

    /**
     * The default: a line with the reason, the number of turns and the last user message.
     *
     * @return the summarizer; never null
     */
    static SessionSummarizer defaults() {
        return (session, memory, reason) -> {
            var lastUser = memory.stream()
                    .filter(m -> m instanceof Message.User)
                    .reduce((a, b) -> b)
                    .map(m -> "; last message: " + ((Message.User) m).text())
                    .orElse("");
            return "Session ended (" + reason + ") after " + session.turns() + " turns" + lastUser;
        };
    }
}
