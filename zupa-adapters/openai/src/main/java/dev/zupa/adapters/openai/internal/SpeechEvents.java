package dev.zupa.adapters.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.provider.ProviderException;
import java.io.IOException;
import java.util.Base64;
import java.util.Objects;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code stream_format: "sse"} answer of {@code POST /audio/speech}: the base64 {@code audio} of each
 * {@code speech.audio.delta} event, decoded and joined in order, up to {@code speech.audio.done}. An {@code error}
 * event fails with the kind its code names; a stream that ends without {@code speech.audio.done} fails with {@code
 * CONNECTION}, since the audio would be cut off. Stateless and thread-safe.
 */
public final class SpeechEvents {
    /** The type of the event that carries audio. */
    public static final String DELTA = "speech.audio.delta";

    /** The type of the event that ends the audio. */
    public static final String DONE = "speech.audio.done";

    private static final Logger LOG = LoggerFactory.getLogger(SpeechEvents.class);

    private SpeechEvents() {}

    /**
     * Reads a whole stream.
     *
     * @param source the response body; never null
     * @param errors builds the exceptions; never null
     * @param requestId the {@code x-request-id} header, if any
     * @return the audio bytes, possibly empty; never null
     * @throws IOException when reading fails
     * @throws ProviderException on an error event, a malformed event or a stream cut short
     */
    public static byte[] read(BufferedSource source, ErrorMapper errors, @Nullable String requestId)
            throws IOException {
        Objects.requireNonNull(errors, "errors");
        var events = new SseReader(source);
        var audio = new Buffer();
        for (var event = events.next(); event.isPresent(); event = events.next()) {
            if (StreamAccumulator.DONE.equals(event.get().data().trim())) {
                break;
            }
            JsonNode node = parse(event.get().data(), errors, requestId);
            if (node.hasNonNull("error") || "error".equals(node.path("type").asText())) {
                throw errors.fromStreamError(node.hasNonNull("error") ? node.get("error") : node, requestId);
            }
            String type = node.hasNonNull("type")
                    ? node.get("type").asText()
                    : event.get().event();
            if (DELTA.equals(type)) {
                audio.write(decode(node.path("audio").asText(""), errors, requestId));
            } else if (DONE.equals(type)) {
                LOG.debug("openai speech stream done, usage {} (request {})", node.path("usage"), requestId);
                return audio.readByteArray();
            }
        }
        throw errors.incompleteStream(DONE, requestId);
    }

    private static JsonNode parse(String data, ErrorMapper errors, @Nullable String requestId) {
        try {
            JsonNode node = Json.MAPPER.readTree(data);
            if (node == null || !node.isObject()) {
                throw errors.invalidResponse("a speech event is not a JSON object", requestId, null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw errors.invalidResponse("a speech event is not JSON", requestId, e);
        }
    }

    private static byte[] decode(String base64, ErrorMapper errors, @Nullable String requestId) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw errors.invalidResponse("a speech.audio.delta is not valid base64", requestId, e);
        }
    }
}
