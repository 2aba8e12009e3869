package dev.zupa.runtime.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolTest {
    enum Cup {
        SMALL,
        LARGE
    }

    record Address(@NotBlank String street, Optional<String> city) {}

    record Order(
            @JsonPropertyDescription("What to add to the order") @NotBlank @Size(max = 40)
            String item,

            @Positive int quantity,
            @Min(1) @Max(5) Optional<Integer> stars,
            @Size(max = 5) List<String> tags,
            Cup cup,
            @Valid Address deliverTo,
            Instant at,
            LocalDate day,

            @JsonProperty("promo_code") @Pattern(regexp = "[A-Z]{4}")
            Optional<String> promoCode) {}

    record NoArguments() {}

    record Stock(Map<String, Integer> countsByItem) {}

    private static final ToolHandler<Order> OK = (arguments, context) -> "ok";

    @Test
    void describesTheArgumentsRecordAsAJsonSchema() {
        var spec = Tool.of("add_item", "Adds an item", Order.class, OK).spec();
        var schema = spec.parameters();

        assertThat(spec.name()).isEqualTo("add_item");
        assertThat(spec.description()).isEqualTo("Adds an item");
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.has("$schema")).isFalse();
        assertThat(names(schema.path("properties")))
                .containsExactly("item", "quantity", "stars", "tags", "cup", "deliverTo", "at", "day", "promo_code");
        assertThat(texts(schema.path("required")))
                .containsExactlyInAnyOrder("item", "quantity", "tags", "cup", "deliverTo", "at", "day");
    }

    @Test
    void turnsConstraintsIntoSchemaKeywords() {
        var properties =
                Tool.of("add_item", "", Order.class, OK).spec().parameters().path("properties");

        var item = properties.path("item");
        assertThat(item.path("type").asText()).isEqualTo("string");
        assertThat(item.path("description").asText()).isEqualTo("What to add to the order");
        assertThat(item.path("minLength").asInt()).isEqualTo(1);
        assertThat(item.path("maxLength").asInt()).isEqualTo(40);
        assertThat(properties.path("quantity").path("type").asText()).isEqualTo("integer");
        assertThat(properties.path("quantity").path("exclusiveMinimum").asInt()).isZero();
        assertThat(properties.path("stars").path("minimum").asInt()).isEqualTo(1);
        assertThat(properties.path("stars").path("maximum").asInt()).isEqualTo(5);
        assertThat(properties.path("tags").path("type").asText()).isEqualTo("array");
        assertThat(properties.path("tags").path("maxItems").asInt()).isEqualTo(5);
        assertThat(properties.path("tags").path("items").path("type").asText()).isEqualTo("string");
        assertThat(properties.path("promo_code").path("pattern").asText()).isEqualTo("[A-Z]{4}");
    }

    @Test
    void describesEnumsNestedRecordsAndDates() {
        var properties =
                Tool.of("add_item", "", Order.class, OK).spec().parameters().path("properties");

        assertThat(texts(properties.path("cup").path("enum"))).containsExactly("SMALL", "LARGE");
        var address = properties.path("deliverTo");
        assertThat(address.path("type").asText()).isEqualTo("object");
        assertThat(address.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(texts(address.path("required"))).containsExactly("street");
        assertThat(names(address.path("properties"))).containsExactly("street", "city");
        assertThat(properties.path("at").path("format").asText()).isEqualTo("date-time");
        assertThat(properties.path("day").path("format").asText()).isEqualTo("date");
    }

    @Test
    void letsMapsHoldAnyKey() {
        var counts = Tool.of("stock", "", Stock.class, (arguments, context) -> "ok")
                .spec()
                .parameters()
                .path("properties")
                .path("countsByItem");

        assertThat(counts.path("type").asText()).isEqualTo("object");
        assertThat(counts.path("additionalProperties").path("type").asText()).isEqualTo("integer");
    }

    @Test
    void givesEachCallerItsOwnCopyOfTheSchema() {
        var tool = Tool.of("ping", "", NoArguments.class, (arguments, context) -> "pong");

        ((ObjectNode) tool.spec().parameters()).put("type", "string");

        assertThat(tool.spec().parameters().path("type").asText()).isEqualTo("object");
    }

    @Test
    void keepsHooksAndTimeoutFromTheBuilder() throws Exception {
        var context = new FakeToolContext();
        var none = new NoArguments();
        var tool = Tool.builder("ping", NoArguments.class)
                .handler((arguments, ctx) -> "pong")
                .after((arguments, result, ctx) -> result + "!")
                .timeout(Duration.ofSeconds(2))
                .build();
        var defaults = Tool.of("ping", "Answers pong", NoArguments.class, (arguments, ctx) -> "pong");

        assertThat(tool.timeout()).contains(Duration.ofSeconds(2));
        assertThat(tool.description()).isEmpty();
        assertThat(tool.argumentsType()).isEqualTo(NoArguments.class);
        assertThat(tool.handler().handle(none, context)).isEqualTo("pong");
        assertThat(tool.after().after(none, "pong", context)).isEqualTo("pong!");
        assertThat(defaults.timeout()).isEmpty();
        assertThat(defaults.before().before(none, context)).isSameAs(none);
        assertThat(defaults.after().after(none, "pong", context)).isEqualTo("pong");
        assertThat(defaults).hasToString("Tool[ping(NoArguments)]");
    }

    @Test
    void rejectsInvalidNames() {
        assertThatThrownBy(() -> Tool.builder("look up menu", NoArguments.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tool name must be 1-64 letters, digits, '_' or '-', was 'look up menu'");
        assertThatThrownBy(() -> Tool.builder("", NoArguments.class))
                .hasMessage("tool name must be 1-64 letters, digits, '_' or '-', was ''");
        assertThatThrownBy(() -> Tool.builder("x".repeat(65), NoArguments.class))
                .hasMessageStartingWith("tool name must be 1-64 letters");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void rejectsArgumentsThatAreNotARecord() {
        Class notARecord = ArrayList.class;

        assertThatThrownBy(() -> Tool.builder("lookup", notARecord))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the arguments of tool 'lookup' must be a record, was java.util.ArrayList");
    }

    @Test
    void requiresAHandlerAndAPositiveTimeout() {
        assertThatThrownBy(() -> Tool.builder("ping", NoArguments.class).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tool 'ping' needs a handler");
        assertThatThrownBy(() -> Tool.builder("ping", NoArguments.class).timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be positive, was PT0S");
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
