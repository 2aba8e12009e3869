package dev.zupa.runtime.internal.reply;

import dev.zupa.runtime.reply.StructuredReply;
import java.util.List;
import java.util.Objects;

/**
 * What reading a model's structured answer gave: the reply, or the problems to send back to the model.
 *
 * @param <R> the reply record type
 */
public sealed interface ReplyParse<R extends StructuredReply> {

    /**
     * The answer was well formed, had a reply and met every constraint.
     *
     * @param value the reply
     * @param <R> the reply record type
     */
    record Valid<R extends StructuredReply>(R value) implements ReplyParse<R> {
        /** Validates the component. */
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The answer could not be used.
     *
     * @param problems one sentence per problem, at least one
     * @param <R> the reply record type
     */
    record Invalid<R extends StructuredReply>(List<String> problems) implements ReplyParse<R> {
        /** Validates and copies the problems. */
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid reply needs at least one problem");
            }
        }
    }
}
