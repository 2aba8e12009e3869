package dev.zupa.adapters.scripted;

import dev.zupa.core.message.Message;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/** Reads what rules look at out of a conversation. */
final class Conversation {
    private Conversation() {}

    /** Whether the model is asked to answer the user, not a tool result. */
    static boolean endsWithUser(List<Message> messages) {
        return !messages.isEmpty() && messages.getLast() instanceof Message.User;
    }

    /**
     * The user's latest words: the run of consecutive user messages ending at the last one, joined by newlines
     * (the runtime may coalesce several messages into one turn), or empty text when there is no user message.
     */
    static String userText(List<Message> messages) {
        var run = new ArrayDeque<String>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            var message = messages.get(i);
            if (message instanceof Message.User user) {
                run.addFirst(user.text());
            } else if (!run.isEmpty()) {
                break;
            }
        }
        return String.join("\n", run);
    }

    /** The last message, when it is a tool result. */
    static Optional<Message.Tool> trailingToolResult(List<Message> messages) {
        return messages.isEmpty() || !(messages.getLast() instanceof Message.Tool tool)
                ? Optional.empty()
                : Optional.of(tool);
    }

    /** The text of the latest tool result anywhere in the conversation. */
    static Optional<String> lastToolResult(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Message.Tool tool) {
                return Optional.of(tool.text());
            }
        }
        return Optional.empty();
    }

    /** The name of the tool whose call has the given id. */
    static Optional<String> toolNameOf(List<Message> messages, String callId) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Message.Assistant assistant) {
                for (var call : assistant.toolCalls()) {
                    if (call.id().equals(callId)) {
                        return Optional.of(call.name());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
