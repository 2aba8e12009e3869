package dev.zupa.runtime.memory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A session's key-value store: what tools, commands and hooks remember across the turns of one session. It lives
 * in the session's checkpoint, so it survives restarts and a new session starts empty. Values are JSON.
 *
 * <p>Writes made during a turn become durable with the turn; a turn that fails leaves the store as it was.
 *
 * @since 0.1
 */
public interface SessionValues {

    /**
     * A value as JSON.
     *
     * @param key the key; never null
     * @return the value, or empty when absent; never null
     */
    Optional<JsonNode> get(String key);

    /**
     * A value converted to a type.
     *
     * @param key the key; never null
     * @param type the type to read it as; never null
     * @param <T> the type
     * @return the value, or empty when absent; never null
     * @throws IllegalArgumentException when the stored JSON does not fit the type
     */
    <T> Optional<T> get(String key, Class<T> type);

    /**
     * Stores a value.
     *
     * @param key the key; never blank
     * @param value a value Jackson can write as JSON (records, collections, strings, numbers); never null
     * @throws IllegalArgumentException when the value cannot be written as JSON
     */
    void put(String key, Object value);

    /**
     * Removes a value; removing an absent key does nothing.
     *
     * @param key the key; never null
     */
    void remove(String key);

    /**
     * Every value.
     *
     * @return an immutable copy; never null
     */
    Map<String, JsonNode> asMap();
}
