package dev.zupa.runtime.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import dev.zupa.core.json.JsonCodec;
import dev.zupa.runtime.memory.SessionValues;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A tool context with a fixed user and session and a session store kept in a map. */
public final class FakeToolContext implements ToolContext {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final User user = new User(
            new UserId("u-1"), "console", "+10000000000", "Ana", ReplyPreference.MIRROR, NOW.minusSeconds(3600));
    private final Session session = new Session(
            new SessionId("s-1"), user.id(), NOW.minusSeconds(60), NOW, Optional.empty(), Optional.empty(), 0);
    private final MapValues values = new MapValues();

    @Override
    public User user() {
        return user;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public SessionValues values() {
        return values;
    }

    @Override
    public String correlationId() {
        return "corr-1";
    }

    @Override
    public Instant now() {
        return NOW;
    }

    /** Session values in a hash map, as JSON. */
    private static final class MapValues implements SessionValues {
        private final ObjectMapper mapper = JsonCodec.defaults().mapper();
        private final Map<String, JsonNode> map = new HashMap<>();

        @Override
        public Optional<JsonNode> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public <T> Optional<T> get(String key, Class<T> type) {
            return get(key).map(node -> mapper.convertValue(node, type));
        }

        @Override
        public void put(String key, Object value) {
            map.put(key, mapper.valueToTree(value));
        }

        @Override
        public void remove(String key) {
            map.remove(key);
        }

        @Override
        public Map<String, JsonNode> asMap() {
            return Map.copyOf(map);
        }
    }
}
