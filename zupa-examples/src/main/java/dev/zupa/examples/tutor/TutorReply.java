package dev.zupa.examples.tutor;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.zupa.runtime.reply.StructuredReply;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tutor's model answers: the message, the correction of the learner's last message when it had a mistake,
 * and the words the answer taught.
 *
 * @param reply the message to send to the learner; never null
 * @param correction the correction, or empty when the learner's English was fine; never null
 * @param newVocabulary the words this answer taught or saved; never null
 * @since 0.1
 */
public record TutorReply(
        String reply,

        @JsonPropertyDescription("The learner's mistake and its correction, or null when there was none")
        Optional<Correction> correction,

        @JsonPropertyDescription("Words this answer taught or saved; empty when none")
        List<String> newVocabulary)
        implements StructuredReply {

    /** Validates the reply and copies the list. */
    public TutorReply {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(correction, "correction");
        newVocabulary = List.copyOf(newVocabulary);
    }

    /**
     * A mistake and how to say it.
     *
     * @param original what the learner wrote; never null
     * @param corrected the same sentence, correct; never null
     * @param explanation why, in one or two sentences; never null
     * @since 0.1
     */
    public record Correction(String original, String corrected, String explanation) {
        /** Validates the correction. */
        public Correction {
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(corrected, "corrected");
            Objects.requireNonNull(explanation, "explanation");
        }
    }
}
