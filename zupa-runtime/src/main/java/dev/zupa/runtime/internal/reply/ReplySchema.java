package dev.zupa.runtime.internal.reply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.llm.ResponseSchema;
import dev.zupa.runtime.internal.tool.Parsed;
import dev.zupa.runtime.internal.tool.RecordReader;
import dev.zupa.runtime.internal.tool.RecordSchemas;
import dev.zupa.runtime.reply.StructuredReply;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The structured-answer contract of a reply record: the schema the model is asked to follow, and the reading of its
 * answer back into the record.
 *
 * <p>The schema is made for OpenAI's strict mode: every property of every object is required, {@code Optional}
 * components are nullable instead, and no other properties are allowed. Reading is more forgiving than the schema,
 * since not every vendor enforces it: extra properties are ignored, an absent {@code Optional} is empty, and a
 * Markdown code fence around the JSON is removed. Immutable and thread-safe.
 *
 * @param <R> the reply record type
 */
public final class ReplySchema<R extends StructuredReply> {
    private static final int MAX_NAME_LENGTH = 64;

    /** Descriptions for the components the runtime understands, used when the record gives none. */
    private static final Map<String, String> STANDARD_DESCRIPTIONS = Map.of(
            "reply", "The message to send to the user.",
            "modality", "How to deliver the reply: TEXT or VOICE, or null to follow the user's preference.",
            "sessionEnded", "true when the conversation is over and the session should end after this reply.");

    private final Class<R> type;
    private final String name;
    private final String replyName;
    private final ObjectNode schema;
    private final RecordReader<? extends Record> reader;

    private ReplySchema(Class<R> type, RecordComponent reply) {
        this.type = type;
        this.name = schemaName(type);
        this.replyName = RecordReader.jsonName(reply);
        this.schema = RecordSchemas.strict(type);
        describeStandardComponents(schema, type);
        this.reader = RecordReader.of(type.asSubclass(Record.class), false);
    }

    /**
     * The contract of a reply record.
     *
     * @param type a record implementing {@link StructuredReply} with a {@code String reply} component; never null
     * @param <R> the reply record type
     * @return the contract; never null
     * @throws IllegalArgumentException when the type is not such a record, or no schema can be generated for it
     */
    public static <R extends StructuredReply> ReplySchema<R> of(Class<R> type) {
        Objects.requireNonNull(type, "type");
        if (!type.isRecord() || !StructuredReply.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(
                    "a structured reply must be a record implementing StructuredReply, was " + type.getName());
        }
        for (var component : type.getRecordComponents()) {
            if (component.getName().equals("reply") && component.getType() == String.class) {
                return new ReplySchema<>(type, component);
            }
        }
        throw new IllegalArgumentException(
                "structured reply " + type.getName() + " needs a component 'String reply' holding the message to send");
    }

    /**
     * The reply record.
     *
     * @return the type; never null
     */
    public Class<R> type() {
        return type;
    }

    /**
     * The schema to send with the request, strict, named after the record.
     *
     * @return a new schema with its own copy of the JSON; never null
     */
    public ResponseSchema responseSchema() {
        return new ResponseSchema(name, schema.deepCopy(), true);
    }

    /**
     * Reads and checks a model's answer. Never throws for bad output: every problem is reported in the result.
     *
     * @param json the model's answer; never null
     * @return the reply, or the problems with the answer; never null
     */
    public ReplyParse<R> parse(String json) {
        Objects.requireNonNull(json, "json");
        return switch (reader.read(withoutCodeFence(json))) {
            case Parsed.Invalid<?> invalid -> new ReplyParse.Invalid<>(invalid.problems());
            case Parsed.Valid<?> valid -> {
                var value = type.cast(valid.value());
                yield value.reply().isBlank()
                        ? new ReplyParse.Invalid<>(List.of(replyName + " must not be blank"))
                        : new ReplyParse.Valid<>(value);
            }
        };
    }

    /** Models without enforced structured output sometimes wrap JSON in a Markdown fence. */
    private static String withoutCodeFence(String text) {
        var trimmed = text.strip();
        if (!trimmed.startsWith("```") || !trimmed.endsWith("```") || trimmed.length() < 6) {
            return text;
        }
        int firstLineEnd = trimmed.indexOf('\n');
        if (firstLineEnd < 0) {
            return text;
        }
        return trimmed.substring(firstLineEnd + 1, trimmed.length() - 3);
    }

    private static String schemaName(Class<?> type) {
        var name = type.getSimpleName().replaceAll("[^a-zA-Z0-9_-]", "_");
        return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    }

    private static void describeStandardComponents(ObjectNode schema, Class<?> type) {
        if (!(schema.get("properties") instanceof ObjectNode properties)) {
            return;
        }
        for (var component : type.getRecordComponents()) {
            var description = STANDARD_DESCRIPTIONS.get(component.getName());
            if (description != null
                    && properties.get(RecordReader.jsonName(component)) instanceof ObjectNode property
                    && !property.has("description")) {
                property.put("description", description);
            }
        }
    }
}
