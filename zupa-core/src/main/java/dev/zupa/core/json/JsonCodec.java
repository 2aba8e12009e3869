package dev.zupa.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where Zupa turns values into JSON bytes and back. Persisted formats (checkpoints, pending writes,
 * ledger events) all go through a codec, so that Jackson's checked exceptions are wrapped here and nowhere else.
 *
 * <p>Immutable and thread-safe. Readers and writers are cached per type, so encoding a small value costs a map
 * lookup and Jackson's own work.
 *
 * @since 0.1
 */
public final class JsonCodec {
    private static final JsonCodec DEFAULT = new JsonCodec(defaultMapper());

    private final ObjectMapper mapper;
    private final ConcurrentHashMap<Type, JavaType> types = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<JavaType, ObjectWriter> writers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<JavaType, ObjectReader> readers = new ConcurrentHashMap<>();

    private JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The codec with Zupa's default mapper: {@code java.time} and {@code Optional} support, ISO-8601 dates, unknown
     * properties ignored so that older code reads newer records.
     *
     * @return the shared default codec; never null
     */
    public static JsonCodec defaults() {
        return DEFAULT;
    }

    /**
     * Wraps a mapper the user configured (for custom modules). The mapper must not be reconfigured afterwards.
     *
     * @param mapper the mapper to use; never null
     * @return a codec over it; never null
     */
    public static JsonCodec of(ObjectMapper mapper) {
        return new JsonCodec(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * The underlying mapper, for building tree values and type references. Do not reconfigure it.
     *
     * @return the mapper; never null
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Resolves a reflective type (a class or a parameterized type) into Jackson's type, cached.
     *
     * @param type the type; never null
     * @return Jackson's view of the type; never null
     */
    public JavaType type(Type type) {
        Objects.requireNonNull(type, "type");
        return types.computeIfAbsent(type, t -> mapper.getTypeFactory().constructType(t));
    }

    /**
     * Encodes a value as UTF-8 JSON.
     *
     * @param value the value, may be null (encoded as {@code null})
     * @param type the declared type the value is written as; never null
     * @return the JSON bytes; never null
     * @throws JsonCodecException when Jackson cannot write the value
     */
    public byte[] encode(Object value, JavaType type) {
        try {
            return writers.computeIfAbsent(type, mapper::writerFor).writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new JsonCodecException(
                    "cannot encode a value of type " + type.toCanonical() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Decodes UTF-8 JSON into a value of the given type.
     *
     * @param json the bytes; never null
     * @param type the type to read; never null
     * @param <T> the value type
     * @return the value (null only when the JSON is {@code null})
     * @throws JsonCodecException when the bytes are not JSON of that type
     */
    public <T> T decode(byte[] json, JavaType type) {
        try {
            return readers.computeIfAbsent(type, mapper::readerFor).readValue(json);
        } catch (IOException e) {
            throw new JsonCodecException("cannot decode JSON as " + type.toCanonical() + ": " + e.getMessage(), e);
        }
    }

    private static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
