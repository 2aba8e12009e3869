package dev.zupa.adapters.openai;

import dev.zupa.adapters.openai.internal.ChatRequestEncoder;
import dev.zupa.adapters.openai.internal.ChatResponseDecoder;
import dev.zupa.adapters.openai.internal.ClientSettings;
import dev.zupa.adapters.openai.internal.Connection;
import dev.zupa.adapters.openai.internal.ErrorMapper;
import dev.zupa.adapters.openai.internal.SseReader;
import dev.zupa.adapters.openai.internal.StreamAccumulator;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.TokenListener;
import dev.zupa.core.provider.ProviderException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} over OpenAI's Chat Completions API ({@code POST {baseUrl}/chat/completions}), or any server
 * that speaks it (Ollama, vLLM, LM Studio and others: set {@link Builder#baseUrl}).
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder()
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .model("gpt-4o-mini")
 *         .build();
 * }</pre>
 *
 * <p>Each call makes exactly one HTTP attempt (OkHttp's own silent retries are switched off, also on a client passed
 * to {@link Builder#httpClient}): retries, timeouts and circuit breaking belong to the caller's policy, which reads
 * the {@link ProviderException#kind() kind} and {@link ProviderException#retryAfter() retry-after} of the failure. The request metadata entry {@value #CORRELATION_ID} is forwarded as the {@code X-Client-Request-Id}
 * header (when it is printable ASCII of at most 512 characters, as OpenAI requires), so that a call can be found in
 * OpenAI's logs; the vendor's {@code x-request-id} comes back in {@link ChatResponse#requestId()} and in every
 * {@link ProviderException}.
 *
 * <p>The API key is never logged and never appears in an exception message or in {@link #toString()}. Instances
 * are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class OpenAiChatModel implements ChatModel {
    /** The request metadata key whose value is sent as {@code X-Client-Request-Id}. */
    public static final String CORRELATION_ID = "correlationId";

    /** The base URL used when none is set. */
    public static final String DEFAULT_BASE_URL = ClientSettings.DEFAULT_BASE_URL;

    /** The model used when neither the builder nor the request names one. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatModel.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final Connection connection;
    private final String model;
    private final ErrorMapper errors;
    private final ChatResponseDecoder decoder;

    private OpenAiChatModel(Builder builder) {
        this.connection = builder.client().connect("chat/completions", "chat model");
        this.model = builder.model;
        this.errors = connection.errors();
        this.decoder = new ChatResponseDecoder(errors);
    }

    /**
     * Starts a model.
     *
     * @return a builder with the defaults; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Asks the model once with {@code POST {baseUrl}/chat/completions}.
     *
     * @param request the conversation, tools and options; never null
     * @return the model's answer, with the vendor's {@code x-request-id}; never null
     * @throws ProviderException with the kind the error mapping assigns; {@code CONTENT_REFUSED} when the model
     *     refused, {@code INVALID_RESPONSE} when the answer is malformed
     */
    @Override
    public ChatResponse complete(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        String name = request.model().orElse(model);
        var http = httpRequest(request, name, false);
        return connection.call(http, (response, requestId) -> {
            var answer = decoder.decode(response.body().string(), name, requestId);
            LOG.debug(
                    "openai {} answered {} with {} ({} request {})",
                    name,
                    answer.finishReason(),
                    answer.usage(),
                    requestId);
            return answer;
        });
    }

    /**
     * Asks the model once and hands text over as it is produced.
     *
     * <p>Sends {@code stream: true} with {@code stream_options.include_usage}, hands each text delta to the listener
     * as it arrives, and assembles tool calls only once the stream is complete. A stream that ends without {@code
     * data: [DONE]} fails with {@code CONNECTION}; an {@code error} object inside the stream fails with the kind its
     * code names. A server that ignores {@code stream} and answers with plain JSON is read as {@link #complete}
     * would, its text delivered as one piece.
     *
     * @param request the conversation, tools and options; never null
     * @param listener receives text pieces in order, on the calling thread; never null
     * @return the complete answer, as {@link #complete} would return it; never null
     * @throws ProviderException as {@link #complete} does, also after some tokens were delivered
     */
    @Override
    public ChatResponse stream(ChatRequest request, TokenListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        String name = request.model().orElse(model);
        var http = httpRequest(request, name, true);
        return connection.call(http, (response, requestId) -> read(response, requestId, name, listener));
    }

    private ChatResponse read(Response response, @Nullable String requestId, String name, TokenListener listener)
            throws IOException {
        var body = response.body();
        MediaType type = body.contentType();
        if (type != null && "json".equals(type.subtype())) {
            var answer = decoder.decode(body.string(), name, requestId);
            if (!answer.message().text().isEmpty()) {
                listener.onToken(answer.message().text());
            }
            return answer;
        }
        var events = new SseReader(body.source());
        var accumulator = new StreamAccumulator(decoder, errors, name, requestId);
        for (var event = events.next(); event.isPresent(); event = events.next()) {
            if (StreamAccumulator.DONE.equals(event.get().data().trim())) {
                return accumulator.finish();
            }
            accumulator.accept(event.get()).ifPresent(listener::onToken);
        }
        throw errors.incompleteStream(StreamAccumulator.DONE, requestId);
    }

    private Request httpRequest(ChatRequest request, String name, boolean stream) {
        var body = RequestBody.create(ChatRequestEncoder.encode(request, name, stream), JSON);
        var builder = connection.post(body).header("Accept", stream ? "text/event-stream" : "application/json");
        correlationId(request).ifPresent(id -> builder.header("X-Client-Request-Id", id));
        LOG.debug("openai POST {} model={} stream={}", connection.endpoint(), name, stream);
        return builder.build();
    }

    private static Optional<String> correlationId(ChatRequest request) {
        String id = request.metadata().get(CORRELATION_ID);
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        if (id.length() > 512 || !id.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            LOG.debug("not forwarding correlation id: X-Client-Request-Id must be printable ASCII, at most 512 chars");
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /**
     * Describes the model without its API key.
     *
     * @return the endpoint, default model, organization and project; never null
     */
    @Override
    public String toString() {
        return "OpenAiChatModel[" + connection.describe("model=" + model) + "]";
    }

    /** Builds an {@link OpenAiChatModel}; mutable and not thread-safe. */
    public static final class Builder extends OpenAiClientBuilder<Builder> {
        private String model = DEFAULT_MODEL;

        private Builder() {}

        /**
         * The model used when a request names none. Default {@value OpenAiChatModel#DEFAULT_MODEL}.
         *
         * @param value the model name; never null or blank
         * @return this builder
         */
        public Builder model(String value) {
            this.model = ClientSettings.nonBlank(value, "model");
            return this;
        }

        /**
         * Builds the model.
         *
         * @return the model; never null
         * @throws IllegalStateException when no API key was set
         */
        public OpenAiChatModel build() {
            return new OpenAiChatModel(this);
        }
    }
}
