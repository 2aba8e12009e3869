package dev.zupa.runtime.internal.tool;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;

/**
 * Reads JSON written by a model into a record and checks it, turning every problem into a sentence the model can
 * act on instead of an exception: malformed JSON, missing or unknown properties, values of the wrong type, and
 * Jakarta constraint violations. Property names in the sentences are the JSON names the model saw.
 *
 * <p>The rules match {@link RecordSchemas}: a component is required unless it is an {@code Optional}, and a JSON
 * {@code null} counts as absent. Thread-safe.
 *
 * @param <T> the record type
 */
public final class RecordReader<T extends Record> {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // 2.7 for an integer is a mistake to report, not a value to truncate
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final Class<T> type;
    private final boolean rejectUnknown;
    private final ObjectReader reader;

    private RecordReader(Class<T> type, boolean rejectUnknown) {
        this.type = type;
        this.rejectUnknown = rejectUnknown;
        var forType = MAPPER.readerFor(type);
        this.reader = rejectUnknown
                ? forType.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                : forType.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * A reader for a record type.
     *
     * @param type the record; never null
     * @param rejectUnknownProperties whether properties the record does not declare are a problem (for tool
     *     arguments) or ignored (for answers, where extra keys are harmless)
     * @param <T> the record type
     * @return the reader; never null
     */
    public static <T extends Record> RecordReader<T> of(Class<T> type, boolean rejectUnknownProperties) {
        Objects.requireNonNull(type, "type");
        if (!type.isRecord()) {
            throw new IllegalArgumentException("expected a record, was " + type.getName());
        }
        return new RecordReader<>(type, rejectUnknownProperties);
    }

    /**
     * Reads and checks model output. A blank text reads as an empty object, as models send for tools without
     * arguments.
     *
     * @param json the model's JSON text; never null
     * @return the record, or every problem found; never null
     */
    public Parsed<T> read(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode tree;
        try {
            tree = json.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return invalid("malformed JSON: " + e.getOriginalMessage());
        }
        if (!tree.isObject()) {
            return invalid(
                    "expected a JSON object, got " + tree.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        var problems = new ArrayList<String>();
        checkProperties(tree, type, "", problems);
        if (!problems.isEmpty()) {
            return new Parsed.Invalid<>(problems);
        }
        T value;
        try {
            value = reader.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            return invalid(mappingProblem(e));
        }
        var violations = Validators.INSTANCE.validate(value);
        if (!violations.isEmpty()) {
            return new Parsed.Invalid<>(
                    violations.stream().map(RecordReader::describe).sorted().toList());
        }
        return new Parsed.Valid<>(value);
    }

    /**
     * The JSON name of a record component: its {@code @JsonProperty} name, or the component name.
     *
     * @param component the component; never null
     * @return the name; never null
     */
    public static String jsonName(RecordComponent component) {
        var property = component.getAccessor().getAnnotation(JsonProperty.class);
        if (property == null) {
            try {
                property = component
                        .getDeclaringRecord()
                        .getDeclaredField(component.getName())
                        .getAnnotation(JsonProperty.class);
            } catch (NoSuchFieldException e) {
                property = null;
            }
        }
        return property == null || property.value().isEmpty() ? component.getName() : property.value();
    }

    /** Finds missing, null and unknown properties of one object, then descends into nested records. */
    private void checkProperties(JsonNode object, Class<?> record, String path, List<String> problems) {
        var known = new LinkedHashSet<String>();
        for (var component : record.getRecordComponents()) {
            var name = jsonName(component);
            known.add(name);
            var value = object.get(name);
            if (value == null) {
                if (component.getType() != Optional.class) {
                    problems.add(path + name + " is required");
                }
            } else if (value.isNull()) {
                if (component.getType() != Optional.class) {
                    problems.add(path + name + " must not be null");
                }
            } else {
                descend(value, component.getGenericType(), path + name, problems);
            }
        }
        if (rejectUnknown) {
            for (var field : object.properties()) {
                if (!known.contains(field.getKey())) {
                    problems.add("unknown property " + path + field.getKey() + "; expected only " + known);
                }
            }
        }
    }

    private void descend(JsonNode value, Type type, String path, List<String> problems) {
        var raw = rawType(type);
        if (raw.isRecord() && value.isObject()) {
            checkProperties(value, raw, path + ".", problems);
        } else if (type instanceof ParameterizedType parameterized) {
            var element = parameterized.getActualTypeArguments()[0];
            if (raw == Optional.class) {
                descend(value, element, path, problems);
            } else if (Collection.class.isAssignableFrom(raw) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isNull()) {
                        descend(value.get(i), element, path + "[" + i + "]", problems);
                    }
                }
            }
        }
    }

    private static Class<?> rawType(Type type) {
        return switch (type) {
            case Class<?> plain -> plain;
            case ParameterizedType parameterized -> rawType(parameterized.getRawType());
            case WildcardType wildcard -> rawType(wildcard.getUpperBounds()[0]);
            default -> Object.class;
        };
    }

    private static String mappingProblem(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "malformed JSON: " + e.getOriginalMessage();
        }
        var path = new StringBuilder();
        for (var reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return "unknown property " + path;
        }
        // a record constructor that rejects the values: its own message says why
        var cause = mapping.getCause();
        var message = mapping instanceof ValueInstantiationException && cause != null && cause.getMessage() != null
                ? cause.getMessage()
                : mapping.getOriginalMessage();
        return path.isEmpty() ? message : path + ": " + message;
    }

    private static String describe(ConstraintViolation<?> violation) {
        var path = violation.getPropertyPath().toString();
        return path.isEmpty() ? violation.getMessage() : path + " " + violation.getMessage();
    }

    private static <T> Parsed<T> invalid(String problem) {
        return new Parsed.Invalid<>(List.of(problem));
    }

    /** Names validation paths by the JSON names the model knows, not the Java names. */
    private static String propertyName(Property property) {
        if (property instanceof JavaBeanProperty bean
                && bean.getDeclaringClass().isRecord()) {
            for (var component : bean.getDeclaringClass().getRecordComponents()) {
                if (component.getName().equals(property.getName())) {
                    return jsonName(component);
                }
            }
        }
        return property.getName();
    }

    /** One validator factory for the process, built on first use: building one is slow, using one is thread-safe. */
    private static final class Validators {
        static final Validator INSTANCE = Validation.byProvider(HibernateValidator.class)
                .configure()
                // the messages are read by a model, so they stay English whatever the server's locale
                .locales(Set.of(Locale.ENGLISH))
                .defaultLocale(Locale.ENGLISH)
                .propertyNodeNameProvider(RecordReader::propertyName)
                .buildValidatorFactory()
                .getValidator();
    }
}
