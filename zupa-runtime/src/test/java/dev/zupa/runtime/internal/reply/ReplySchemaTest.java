package dev.zupa.runtime.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.conversation.Modality;
import dev.zupa.runtime.reply.StructuredReply;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplySchemaTest {
    record Item(
            @NotBlank @Size(max = 30) String name, @Positive int quantity, Optional<String> note) {}

    record CafeReply(
            @NotBlank String reply,
            Optional<Modality> modality,
            boolean sessionEnded,

            @JsonPropertyDescription("Items the user ordered in this message") @Size(max = 3)
            List<@Valid Item> items,

            Optional<Item> favourite)
            implements StructuredReply {}

    record Plain(String reply) implements StructuredReply {}

    record Computed(String text) implements StructuredReply {
        @Override
        public String reply() {
            return text;
        }
    }

    static final class NotARecord implements StructuredReply {
        @Override
        public String reply() {
            return "";
        }
    }

    private final ReplySchema<CafeReply> cafe = ReplySchema.of(CafeReply.class);

    @Test
    void asksForAStrictSchemaNamedAfterTheRecord() {
        var response = cafe.responseSchema();

        assertThat(response.name()).isEqualTo("CafeReply");
        assertThat(response.strict()).isTrue();
        assertThat(names(response.schema().path("properties")))
                .containsExactly("reply", "modality", "sessionEnded", "items", "favourite");
    }

    @Test
    void requiresEveryPropertyAndForbidsOthersAtEveryLevel() {
        var objects = new ArrayList<JsonNode>();
        collectObjectSchemas(cafe.responseSchema().schema(), objects);

        assertThat(objects).hasSizeGreaterThanOrEqualTo(2);
        for (var object : objects) {
            assertThat(texts(object.path("required")))
                    .as("required of %s", object)
                    .containsExactlyInAnyOrderElementsOf(names(object.path("properties")));
            assertThat(object.path("additionalProperties").isBoolean()).isTrue();
            assertThat(object.path("additionalProperties").asBoolean()).isFalse();
        }
    }

    @Test
    void makesOptionalsNullableAndEverythingElseNot() {
        var schema = cafe.responseSchema().schema();
        var properties = schema.path("properties");

        assertThat(allowsNull(properties.path("modality"), schema)).isTrue();
        assertThat(allowsNull(properties.path("favourite"), schema)).isTrue();
        assertThat(allowsNull(properties.path("reply"), schema)).isFalse();
        assertThat(allowsNull(properties.path("sessionEnded"), schema)).isFalse();
        assertThat(allowsNull(properties.path("items"), schema)).isFalse();
        assertThat(schema.toString()).contains("\"TEXT\"", "\"VOICE\"");
    }

    @Test
    void leavesOutKeywordsStrictModeRejects() {
        var schema = cafe.responseSchema().schema().toString();

        assertThat(schema).doesNotContain("minLength", "maxLength", "$schema");
        assertThat(schema).contains("\"maxItems\":3", "\"exclusiveMinimum\":0");
    }

    @Test
    void describesTheStandardComponentsUnlessTheRecordDoes() {
        var properties = cafe.responseSchema().schema().path("properties");

        assertThat(properties.path("reply").path("description").asText()).isEqualTo("The message to send to the user.");
        assertThat(properties.path("modality").path("description").asText()).contains("TEXT or VOICE");
        assertThat(properties.path("sessionEnded").path("description").asText()).contains("session should end");
        assertThat(properties.path("items").path("description").asText())
                .isEqualTo("Items the user ordered in this message");
    }

    @Test
    void readsAValidAnswer() {
        var json = """
                {"reply":"Two teas coming up","modality":"VOICE","sessionEnded":true,
                 "items":[{"name":"tea","quantity":2,"note":null}],"favourite":null}""";

        var parsed = cafe.parse(json);

        assertThat(parsed).isInstanceOf(ReplyParse.Valid.class);
        var reply = ((ReplyParse.Valid<CafeReply>) parsed).value();
        assertThat(reply.reply()).isEqualTo("Two teas coming up");
        assertThat(reply.modality()).contains(Modality.VOICE);
        assertThat(reply.sessionEnded()).isTrue();
        assertThat(reply.items()).containsExactly(new Item("tea", 2, Optional.empty()));
        assertThat(reply.favourite()).isEmpty();
    }

    @Test
    void forgivesWhatStrictModeWouldHavePrevented() {
        var parsed = ReplySchema.of(Plain.class).parse("```json\n{\"reply\":\"Hi\",\"mood\":\"glad\"}\n```");

        assertThat(parsed).isEqualTo(new ReplyParse.Valid<>(new Plain("Hi")));
    }

    @Test
    void reportsAMissingOrBlankReply() {
        var plain = ReplySchema.of(Plain.class);

        assertThat(plain.parse("{}")).isEqualTo(new ReplyParse.Invalid<>(List.of("reply is required")));
        assertThat(plain.parse("{\"reply\":null}"))
                .isEqualTo(new ReplyParse.Invalid<>(List.of("reply must not be null")));
        assertThat(plain.parse("{\"reply\":\"  \"}"))
                .isEqualTo(new ReplyParse.Invalid<>(List.of("reply must not be blank")));
        assertThat(cafe.parse("{\"reply\":\"\",\"modality\":null,\"sessionEnded\":false,\"items\":[]}"))
                .isEqualTo(new ReplyParse.Invalid<>(List.of("reply must not be blank")));
    }

    @Test
    void reportsMalformedJson() {
        var parsed = cafe.parse("Sure! Two teas.");

        assertThat(parsed).isInstanceOf(ReplyParse.Invalid.class);
        assertThat(((ReplyParse.Invalid<CafeReply>) parsed).problems())
                .singleElement()
                .asString()
                .startsWith("malformed JSON: ");
    }

    @Test
    void reportsConstraintViolations() {
        var json = """
                {"reply":"ok","modality":null,"sessionEnded":false,
                 "items":[{"name":"tea","quantity":0,"note":null},{"name":"","quantity":1,"note":null}]}""";

        assertThat(cafe.parse(json))
                .isEqualTo(new ReplyParse.Invalid<>(
                        List.of("items[0].quantity must be greater than 0", "items[1].name must not be blank")));
    }

    @Test
    void acceptsRecordsWithAReplyComponentOnly() {
        assertThatThrownBy(() -> ReplySchema.of(NotARecord.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a structured reply must be a record implementing StructuredReply, was ")
                .hasMessageEndingWith("NotARecord");
        assertThatThrownBy(() -> ReplySchema.of(Computed.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("Computed needs a component 'String reply' holding the message to send");
    }

    /** Every schema in the tree that describes an object with properties. */
    private static void collectObjectSchemas(JsonNode node, List<JsonNode> objects) {
        if (node.isObject() && node.has("properties")) {
            objects.add(node);
        }
        node.forEach(child -> collectObjectSchemas(child, objects));
    }

    private static boolean allowsNull(JsonNode property, JsonNode root) {
        if (property.has("$ref")) {
            var name = property.path("$ref").asText().substring("#/$defs/".length());
            return allowsNull(root.path("$defs").path(name), root);
        }
        for (var type : property.path("type")) {
            if (type.asText().equals("null")) {
                return true;
            }
        }
        for (var option : property.path("anyOf")) {
            if (allowsNull(option, root)) {
                return true;
            }
        }
        return property.path("type").asText().equals("null");
    }

    private static List<String> names(JsonNode object) {
        var names = new ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
