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
 * @param command whether the runtime answered without the model: a command, or the reply to a voice note that was
 *     transcribed to no words (no model call, no working memory, sent as text)
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

    /** The reply to a turn whose voice notes were transcribed to no words: answered like a command. */
    static ReplyDraft ofSilence(String text) {
        return ofCommand(text);
    }

    /** A command reply after which the session ends (/reset). */
    static ReplyDraft ofCommandEnding(String text, String reason) {
        return new ReplyDraft(text, Optional.empty(), Optional.of(reason), Optional.empty(), true);
    }
}
