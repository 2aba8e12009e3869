package dev.zupa.runtime.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Generates the JSON Schema of a record with victools: Draft 2020-12, Jackson names and descriptions, Jakarta
 * constraints as keywords, {@code additionalProperties: false} on every object but maps, and properties in the order
 * the record declares them (models fill them in that order). Thread-safe.
 */
public final class RecordSchemas {
    /**
     * Keywords OpenAI's strict mode does not accept. Dropping them loses nothing: the validator enforces the
     * constraints they came from when the answer is read.
     */
    private static final List<String> UNSUPPORTED_WHEN_STRICT = List.of("minLength", "maxLength");

    private static final SchemaGenerator TOOL = generator(false);
    private static final SchemaGenerator STRICT = generator(true);

    private RecordSchemas() {}

    /**
     * The schema of tool arguments: every component is required except {@code Optional} ones.
     *
     * @param type the record; never null
     * @return a new schema object; never null
     * @throws IllegalArgumentException when victools cannot describe the type
     */
    public static ObjectNode forTool(Class<? extends Record> type) {
        return generate(TOOL, type);
    }

    /**
     * The schema for OpenAI's strict mode, as structured answers need: every property of every object is required,
     * {@code Optional} components are nullable instead of optional, and keywords strict mode rejects are left out.
     *
     * @param type the record; never null
     * @return a new schema object; never null
     * @throws IllegalArgumentException when victools cannot describe the type
     */
    public static ObjectNode strict(Class<?> type) {
        var schema = generate(STRICT, type);
        dropUnsupportedWhenStrict(schema);
        return schema;
    }

    private static ObjectNode generate(SchemaGenerator generator, Class<?> type) {
        try {
            return generator.generateSchema(type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot generate a JSON Schema for " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private static SchemaGenerator generator(boolean strict) {
        var config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
                .with(new JakartaValidationModule(JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                // vendors do not need "$schema", and some strict validators reject keywords they do not know
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forTypesInGeneral()
                .withPropertySorter(Comparator.<MemberScope<?, ?>>comparingInt(RecordSchemas::declarationIndex)
                        .thenComparing(MemberScope::getSchemaPropertyName));
        config.forFields().withRequiredCheck(field -> strict || !isOptional(field));
        if (strict) {
            config.forFields().withNullableCheck(field -> isOptional(field) ? Boolean.TRUE : null);
        }
        return new SchemaGenerator(config.build());
    }

    private static boolean isOptional(FieldScope field) {
        return field.getType().isInstanceOf(Optional.class);
    }

    private static int declarationIndex(MemberScope<?, ?> member) {
        var components = member.getDeclaringType().getErasedType().getRecordComponents();
        if (components != null) {
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(member.getDeclaredName())) {
                    return i;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Removes the keywords from every schema in the tree, but not properties that happen to bear their names. */
    private static void dropUnsupportedWhenStrict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            object.remove(UNSUPPORTED_WHEN_STRICT);
            for (var entry : object.properties()) {
                boolean schemasByName =
                        entry.getKey().equals("properties") || entry.getKey().equals("$defs");
                if (schemasByName) {
                    entry.getValue().forEach(RecordSchemas::dropUnsupportedWhenStrict);
                } else {
                    dropUnsupportedWhenStrict(entry.getValue());
                }
            }
        } else if (schema.isArray()) {
            schema.forEach(RecordSchemas::dropUnsupportedWhenStrict);
        }
    }
}
