package dev.zupa.core.message;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation, as a model sees it. Every message has an id; lists of messages merge by it.
 *
 * <p>The set of roles is closed; adding one is a breaking change for code that switches over it.
 *
 * @since 0.1
 */
public sealed interface Message extends MessageUpdate
        permits Message.User, Message.Assistant, Message.System, Message.Tool {

    /**
     * The message's identity.
     *
     * @return the id; never null
     */
    MessageId id();

    /**
     * The message's text (empty for an assistant message that only calls tools).
     *
     * @return the text; never null
     */
    String text();

    /**
     * A user message with a new random id.
     *
     * @param text what the user said; never null
     * @return the message; never null
     */
    static User user(String text) {
        return new User(MessageId.random(), text);
    }

    /**
     * An assistant message without tool calls, with a new random id.
     *
     * @param text the reply; never null
     * @return the message; never null
     */
    static Assistant assistant(String text) {
        return new Assistant(MessageId.random(), text, List.of());
    }

    /**
     * A system message with a new random id.
     *
     * @param text the instructions; never null
     * @return the message; never null
     */
    static System system(String text) {
        return new System(MessageId.random(), text);
    }

    /**
     * What the user said.
     *
     * @param id the message id; never null
     * @param text the text (the transcript for a voice message); never null
     */
    @JsonTypeName("user")
    record User(MessageId id, String text) implements Message {
        /** Validates the components. */
        public User {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * What the model answered, possibly with tool calls.
     *
     * @param id the message id; never null
     * @param text the reply text, empty when the model only calls tools; never null
     * @param toolCalls the tool calls, in the model's order; never null
     */
    @JsonTypeName("assistant")
    record Assistant(MessageId id, String text, List<ToolCall> toolCalls) implements Message {
        /** Validates the components and copies the list. */
        public Assistant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /**
     * Instructions for the model.
     *
     * @param id the message id; never null
     * @param text the instructions; never null
     */
    @JsonTypeName("system")
    record System(MessageId id, String text) implements Message {
        /** Validates the components. */
        public System {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The result of one tool call, quoting the call's id.
     *
     * @param id the message id; never null
     * @param toolCallId the id of the {@link ToolCall} this answers; never null
     * @param text the result text; never null
     */
    @JsonTypeName("tool")
    record Tool(MessageId id, String toolCallId, String text) implements Message {
        /** Validates the components. */
        public Tool {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(text, "text");
        }
    }
}
