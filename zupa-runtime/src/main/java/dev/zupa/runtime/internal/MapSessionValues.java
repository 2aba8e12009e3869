package dev.zupa.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.runtime.memory.SessionValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Session values over a copy of the {@code values} channel; a node writes {@link #asMap()} back when it changed. */
final class MapSessionValues implements SessionValues {
    private final ObjectMapper mapper;
    private final Map<String, JsonNode> values;
    private boolean changed;

    MapSessionValues(ObjectMapper mapper, Map<String, JsonNode> initial) {
        this.mapper = mapper;
        this.values = new LinkedHashMap<>(initial);
    }

    @Override
    public synchronized Optional<JsonNode> get(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(values.get(key)).map(JsonNode::deepCopy);
    }

    @Override
    public synchronized <T> Optional<T> get(String key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        var json = values.get(Objects.requireNonNull(key, "key"));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(mapper.treeToValue(json, type));
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "session value '" + key + "' cannot be read as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a session value key must not be blank");
        }
        JsonNode json;
        try {
            json = value instanceof JsonNode node ? node.deepCopy() : mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "session value '" + key + "' is a " + value.getClass().getName()
                            + ", which cannot be stored as JSON: " + e.getMessage(),
                    e);
        }
        values.put(key, json);
        changed = true;
    }

    @Override
    public synchronized void remove(String key) {
        if (values.remove(Objects.requireNonNull(key, "key")) != null) {
            changed = true;
        }
    }

    @Override
    public synchronized Map<String, JsonNode> asMap() {
        return Map.copyOf(values);
    }

    synchronized boolean changed() {
        return changed;
    }
}
