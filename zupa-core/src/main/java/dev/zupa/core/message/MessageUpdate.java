package dev.zupa.core.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Objects;

/**
 * One change to a message list: add or replace a message (a {@link Message} itself), remove one by id, or clear the
 * list. Message lists merge by id, never by content, so two equal texts are two messages.
 *
 * <p>This set is closed for now; adding a variant is a breaking change for code that switches over it.
 *
 * @since 0.1
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(Message.User.class),
    @JsonSubTypes.Type(Message.Assistant.class),
    @JsonSubTypes.Type(Message.System.class),
    @JsonSubTypes.Type(Message.Tool.class),
    @JsonSubTypes.Type(MessageUpdate.Remove.class),
    @JsonSubTypes.Type(MessageUpdate.RemoveAll.class)
})
public sealed interface MessageUpdate permits Message, MessageUpdate.Remove, MessageUpdate.RemoveAll {

    /**
     * Removes the message with this id; removing an id that is not in the list is an error.
     *
     * @param id the id to remove; never null
     * @return the update; never null
     */
    static MessageUpdate remove(MessageId id) {
        return new Remove(id);
    }

    /**
     * Clears the list.
     *
     * @return the update; never null
     */
    static MessageUpdate removeAll() {
        return new RemoveAll();
    }

    /**
     * Removes one message by id.
     *
     * @param id the message to remove; never null
     */
    @JsonTypeName("remove")
    record Remove(MessageId id) implements MessageUpdate {
        /** Validates the id. */
        public Remove {
            Objects.requireNonNull(id, "id");
        }
    }

    /** Clears the whole list. */
    @JsonTypeName("remove_all")
    record RemoveAll() implements MessageUpdate {}
}
