package dev.zupa.adapters.scripted;

import dev.zupa.core.llm.ChatResponse;

/** What a rule answered, before the model turns it into a {@link ChatResponse}. */
sealed interface Reply {
    /** A text answer (free text or structured JSON). */
    record Text(String text) implements Reply {}

    /** One tool call. */
    record Call(String tool, String arguments) implements Reply {}

    /** A complete response built by the script itself. */
    record Full(ChatResponse response) implements Reply {}
}
