package dev.zupa.adapters.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.provider.ProviderException;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange with {@code POST {baseUrl}/messages}, plain or streamed, ending in a {@link Turn} or a {@link
 * ProviderException}. Exactly one attempt: retrying is the caller's policy. Immutable and thread-safe.
 */
public final class MessagesClient {
    private static final Logger LOG = LoggerFactory.getLogger(MessagesClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OkHttpClient client;
    private final HttpUrl endpoint;
    private final String apiKey;
    private final String version;
    private final ErrorMapper errors;
    private final ResponseDecoder decoder;

    /**
     * Creates a client.
     *
     * @param client the OkHttp client; never null
     * @param endpoint the {@code /messages} URL; never null
     * @param apiKey the key sent as {@code x-api-key}; never null
     * @param version the {@code anthropic-version} header value; never null
     * @param errors builds the exceptions; never null
     */
    public MessagesClient(OkHttpClient client, HttpUrl endpoint, String apiKey, String version, ErrorMapper errors) {
        this.client = Objects.requireNonNull(client, "client");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.version = Objects.requireNonNull(version, "version");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.decoder = new ResponseDecoder(errors);
    }

    /**
     * Sends a body and reads the whole answer.
     *
     * @param body the request body, without {@code stream}; never null
     * @return the turn; never null
     * @throws ProviderException when the call fails or the answer is malformed
     */
    public Turn send(ObjectNode body) {
        String requestId = null;
        try (Response response = client.newCall(request(body, false)).execute()) {
            requestId = ErrorMapper.requestId(response.headers()).orElse(null);
            if (!response.isSuccessful()) {
                throw failure(response);
            }
            return decoder.decode(response.body().string(), requestId);
        } catch (IOException e) {
            throw errors.fromIo(e, requestId);
        }
    }

    /**
     * Sends a body with {@code stream: true} and reads the events as they arrive. A server that ignores {@code
     * stream} and answers with JSON is read like {@link #send}, its text handed over as one piece.
     *
     * @param body the request body, without {@code stream}; never null
     * @param tokens receives text deltas in order; never null
     * @return the turn, once {@code message_stop} arrived; never null
     * @throws ProviderException when the call fails, an {@code error} event arrives, or the stream ends early
     */
    public Turn stream(ObjectNode body, Consumer<String> tokens) {
        ObjectNode streamed = body.deepCopy().put("stream", true);
        String requestId = null;
        try (Response response = client.newCall(request(streamed, true)).execute()) {
            requestId = ErrorMapper.requestId(response.headers()).orElse(null);
            if (!response.isSuccessful()) {
                throw failure(response);
            }
            MediaType type = response.body().contentType();
            if (type != null && "json".equals(type.subtype())) {
                Turn turn = decoder.decode(response.body().string(), requestId);
                String text = text(turn);
                if (!text.isEmpty()) {
                    tokens.accept(text);
                }
                return turn;
            }
            var events = new EventStream(response.body().source());
            var assembler = new StreamAssembler(errors, requestId);
            for (var event = events.next(); event.isPresent(); event = events.next()) {
                assembler.accept(event.get()).ifPresent(tokens);
                if (assembler.stopped()) {
                    return assembler.finish();
                }
            }
            throw errors.incompleteStream(requestId);
        } catch (IOException e) {
            throw errors.fromIo(e, requestId);
        }
    }

    private Request request(ObjectNode body, boolean stream) {
        LOG.debug(
                "anthropic POST {} model={} stream={}",
                endpoint,
                body.path("model").asText(),
                stream);
        return new Request.Builder()
                .url(endpoint)
                .header("x-api-key", apiKey)
                .header("anthropic-version", version)
                .header("accept", stream ? "text/event-stream" : "application/json")
                .post(RequestBody.create(Json.bytes(body), JSON))
                .build();
    }

    private ProviderException failure(Response response) throws IOException {
        String body = response.peekBody(MAX_ERROR_BODY).string();
        var failure = errors.fromHttp(response.code(), response.headers(), body);
        LOG.debug("anthropic call failed: {}", failure.getMessage());
        return failure;
    }

    private static String text(Turn turn) {
        var text = new StringBuilder();
        for (JsonNode block : turn.content()) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        return text.toString();
    }

    /**
     * Describes the endpoint, never the key.
     *
     * @return the endpoint and version; never null
     */
    @Override
    public String toString() {
        return "MessagesClient[" + endpoint + ", anthropic-version=" + version + "]";
    }
}
