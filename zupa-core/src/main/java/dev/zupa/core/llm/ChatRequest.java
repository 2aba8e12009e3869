package dev.zupa.core.llm;

import dev.zupa.core.message.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to a {@link ChatModel}: the conversation (system instructions first, then turns), the tools the model
 * may call, and options.
 *
 * <p>The conversation is checked the way vendors check it, so that a malformed history fails here with a clear
 * message instead of as an HTTP 400: every tool call of an assistant message must be answered by exactly one tool
 * message with its id, before the next user or assistant message.
 *
 * @param model the model to use, or empty for the adapter's default; never null
 * @param messages the conversation, at least one message; never null
 * @param tools the tools the model may call, with unique names; never null
 * @param responseSchema the schema a structured answer must follow, or empty for free text; never null
 * @param maxOutputTokens the most tokens the answer may have, or empty for the vendor's default; never null
 * @param temperature sampling temperature from 0 to 2, or empty for the vendor's default; never null
 * @param metadata values an adapter may forward (a correlation id as a request header); never null
 * @since 0.1
 */
public record ChatRequest(
        Optional<String> model,
        List<Message> messages,
        List<ToolSpec> tools,
        Optional<ResponseSchema> responseSchema,
        Optional<Integer> maxOutputTokens,
        Optional<Double> temperature,
        Map<String, String> metadata) {

    /** Validates the request and copies its collections. */
    public ChatRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(responseSchema, "responseSchema");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(temperature, "temperature");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        metadata = Map.copyOf(metadata);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        var names = new HashSet<String>();
        for (var tool : tools) {
            if (!names.add(tool.name())) {
                throw new IllegalArgumentException("two tools are named '" + tool.name() + "'");
            }
        }
        maxOutputTokens.ifPresent(max -> {
            if (max < 1) {
                throw new IllegalArgumentException("maxOutputTokens must be positive, was " + max);
            }
        });
        temperature.ifPresent(t -> {
            if (t < 0 || t > 2) {
                throw new IllegalArgumentException("temperature must be between 0 and 2, was " + t);
            }
        });
        checkToolResults(messages);
    }

    /**
     * Starts a request.
     *
     * @return a builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    private static void checkToolResults(List<Message> messages) {
        var open = new LinkedHashSet<String>();
        for (var message : messages) {
            switch (message) {
                case Message.Tool tool -> {
                    if (!open.remove(tool.toolCallId())) {
                        throw new IllegalArgumentException("tool message " + tool.id() + " answers call '"
                                + tool.toolCallId() + "', which no earlier assistant message left open");
                    }
                }
                case Message.Assistant assistant -> {
                    requireAnswered(open);
                    assistant.toolCalls().forEach(call -> {
                        if (!open.add(call.id())) {
                            throw new IllegalArgumentException("two tool calls have the id '" + call.id() + "'");
                        }
                    });
                }
                case Message.User user -> requireAnswered(open);
                case Message.System system -> requireAnswered(open);
            }
        }
        requireAnswered(open);
    }

    private static void requireAnswered(LinkedHashSet<String> open) {
        if (!open.isEmpty()) {
            throw new IllegalArgumentException(
                    "tool calls " + open + " have no tool message answering them; every call needs one result");
        }
    }

    /** Builds a {@link ChatRequest}; not thread-safe. */
    public static final class Builder {
        private Optional<String> model = Optional.empty();
        private final List<Message> messages = new ArrayList<>();
        private final List<ToolSpec> tools = new ArrayList<>();
        private Optional<ResponseSchema> responseSchema = Optional.empty();
        private Optional<Integer> maxOutputTokens = Optional.empty();
        private Optional<Double> temperature = Optional.empty();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The model to use instead of the adapter's default.
         *
         * @param name the model name; never null or blank
         * @return this builder
         */
        public Builder model(String name) {
            Objects.requireNonNull(name, "model");
            if (name.isBlank()) {
                throw new IllegalArgumentException("model must not be blank");
            }
            this.model = Optional.of(name);
            return this;
        }

        /**
         * Adds messages to the conversation, in order.
         *
         * @param more the messages; never null
         * @return this builder
         */
        public Builder messages(List<? extends Message> more) {
            more.forEach(m -> messages.add(Objects.requireNonNull(m, "message")));
            return this;
        }

        /**
         * Adds one message.
         *
         * @param message the message; never null
         * @return this builder
         */
        public Builder message(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * Adds a tool the model may call.
         *
         * @param tool the tool; never null
         * @return this builder
         */
        public Builder tool(ToolSpec tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /**
         * Asks for a structured answer.
         *
         * @param schema the schema; never null
         * @return this builder
         */
        public Builder responseSchema(ResponseSchema schema) {
            this.responseSchema = Optional.of(Objects.requireNonNull(schema, "schema"));
            return this;
        }

        /**
         * Caps the answer's length.
         *
         * @param max tokens, positive
         * @return this builder
         */
        public Builder maxOutputTokens(int max) {
            this.maxOutputTokens = Optional.of(max);
            return this;
        }

        /**
         * Sets the sampling temperature.
         *
         * @param value from 0 to 2
         * @return this builder
         */
        public Builder temperature(double value) {
            this.temperature = Optional.of(value);
            return this;
        }

        /**
         * Adds a metadata entry.
         *
         * @param key the key; never null
         * @param value the value; never null
         * @return this builder
         */
        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds and validates the request.
         *
         * @return the request; never null
         * @throws IllegalArgumentException when the conversation or an option is invalid
         */
        public ChatRequest build() {
            return new ChatRequest(model, messages, tools, responseSchema, maxOutputTokens, temperature, metadata);
        }
    }
}
