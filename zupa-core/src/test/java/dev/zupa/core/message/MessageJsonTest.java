package dev.zupa.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.zupa.core.json.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Messages are persisted in checkpoints: their JSON is API. The golden file is format version 1. */
class MessageJsonTest {
    private static final List<MessageUpdate> UPDATES = List.of(
            new Message.System(MessageId.of("m-1"), "You take burger orders."),
            new Message.User(MessageId.of("m-2"), "Two cheeseburgers"),
            new Message.Assistant(
                    MessageId.of("m-3"),
                    "",
                    List.of(new ToolCall("call_1", "add_to_order", "{\"item\":\"cheeseburger\",\"quantity\":2}"))),
            new Message.Tool(MessageId.of("m-4"), "call_1", "added"),
            MessageUpdate.remove(MessageId.of("m-1")),
            MessageUpdate.removeAll());

    private final JsonCodec codec = JsonCodec.defaults();
    private final com.fasterxml.jackson.databind.JavaType type =
            codec.type(new TypeReference<List<MessageUpdate>>() {}.getType());

    @Test
    void writesTheGoldenFormat() throws IOException {
        var json = new String(codec.encode(UPDATES, type), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo(golden().strip());
    }

    @Test
    void readsTheGoldenFormat() throws IOException {
        List<MessageUpdate> read = codec.decode(golden().getBytes(StandardCharsets.UTF_8), type);

        assertThat(read).isEqualTo(UPDATES);
    }

    private static String golden() throws IOException {
        try (var in = MessageJsonTest.class.getResourceAsStream("/golden/message-updates-v1.json")) {
            return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
