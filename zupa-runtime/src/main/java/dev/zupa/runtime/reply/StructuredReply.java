package dev.zupa.runtime.reply;

import dev.zupa.core.conversation.Modality;
import java.util.Optional;

/**
 * A structured answer from the model, implemented by a record of the user's. The runtime asks the model for JSON
 * matching the record's schema, reads the answer back into the record and sends {@link #reply()} to the user.
 *
 * <pre>{@code
 * record CafeReply(
 *         @JsonPropertyDescription("The message to send") String reply,
 *         Optional<Modality> modality,
 *         boolean sessionEnded,
 *         List<String> orderedItems) implements StructuredReply {}
 * }</pre>
 *
 * <p>The record must have a {@code String reply} component. It may declare an {@code Optional<Modality> modality}
 * component to let the model choose text or voice per reply, and a {@code boolean sessionEnded} component to let it
 * end the session; without them the defaults below apply. Every other component is the application's own data, and
 * Jakarta constraints on components are checked when the answer is read.
 *
 * @since 0.1
 */
public interface StructuredReply {

    /**
     * The message to send to the user.
     *
     * @return the text; never null, and never blank in a reply the runtime accepted
     */
    String reply();

    /**
     * How the model wants the reply delivered.
     *
     * @return the modality, or empty to leave the choice to the user's preference; never null
     */
    default Optional<Modality> modality() {
        return Optional.empty();
    }

    /**
     * Whether the conversation is over and the session should end after this reply.
     *
     * @return true to end the session; false by default
     */
    default boolean sessionEnded() {
        return false;
    }
}
