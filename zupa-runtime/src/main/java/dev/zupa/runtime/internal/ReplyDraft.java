package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Modality;
import java.util.Optional;

/**
 * What a turn decided to answer, before the modality is chosen.
 *
 * @param text the reply text; may be empty when there is nothing to say
 * @param modality the modality the model chose (structured replies), if it chose one
 * @param sessionEnd why the session ends once the reply is sent, or empty when it goes on
 * @param structured the structured reply as JSON, when the agent has a reply type
 * @param command whether a command produced it (no model call, no working memory)
 */
public record ReplyDraft(
        String text,
        Optional<Modality> modality,
        Optional<String> sessionEnd,
        Optional<String> structured,
        boolean command) {

    static ReplyDraft ofCommand(String text) {
        return new ReplyDraft(text, Optional.empty(), Optional.empty(), Optional.empty(), true);
    }

    /** A command reply after which the session ends (/reset). */
    static ReplyDraft ofCommandEnding(String text, String reason) {
        return new ReplyDraft(text, Optional.empty(), Optional.of(reason), Optional.empty(), true);
    }
}
