package dev.zupa.adapters.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.adapters.anthropic.internal.AnswerReader;
import dev.zupa.adapters.anthropic.internal.AnswerTool;
import dev.zupa.adapters.anthropic.internal.ErrorMapper;
import dev.zupa.adapters.anthropic.internal.MessagesClient;
import dev.zupa.adapters.anthropic.internal.RequestEncoder;
import dev.zupa.adapters.anthropic.internal.RetryAfter;
import dev.zupa.adapters.anthropic.internal.SharedHttpClient;
import dev.zupa.adapters.anthropic.internal.Turn;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.TokenListener;
import dev.zupa.core.provider.ProviderException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} over Anthropic's Messages API ({@code POST {baseUrl}/messages}).
 *
 * <pre>{@code
 * ChatModel model = AnthropicChatModel.builder()
 *         .apiKey(System.getenv("ANTHROPIC_API_KEY"))
 *         .model("claude-sonnet-4-5")
 *         .build();
 * }</pre>
 *
 * <p>Each call makes one HTTP attempt (OkHttp's own silent retries are switched off, also on a client passed to
 * {@link Builder#httpClient}): retries, timeouts and circuit breaking belong to the caller's policy, which reads the
 * {@link ProviderException#kind() kind} and {@link ProviderException#retryAfter() retry-after} of the failure. The one
 * exception is {@code stop_reason: pause_turn}, which is not a failure: the API asks for the paused answer to be sent
 * back to continue it, and the model does so, up to {@value #MAX_CONTINUATIONS} times within one call.
 *
 * <p>Structured output ({@link ChatRequest#responseSchema()}) is asked for with a tool whose input schema is the
 * response schema, which the model is made to call; the tool's input comes back as the reply text.
 *
 * <p>The API key is never logged and never appears in an exception message or in {@link #toString()}. Instances are
 * immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AnthropicChatModel implements ChatModel {
    /** The base URL used when none is set. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";

    /** The model used when neither the builder nor the request names one. */
    public static final String DEFAULT_MODEL = "claude-sonnet-4-5";

    /** The output cap used when neither the builder nor the request sets one (the API requires one). */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    /** The {@code anthropic-version} header sent when none is set. */
    public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

    /** How many times one call sends a paused turn back before it returns what it has. */
    public static final int MAX_CONTINUATIONS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicChatModel.class);

    private final HttpUrl endpoint;
    private final String model;
    private final int maxTokens;
    private final String anthropicVersion;
    private final ErrorMapper errors;
    private final RequestEncoder encoder;
    private final AnswerReader reader;
    private final MessagesClient client;

    private AnthropicChatModel(Builder builder, String apiKey) {
        this.endpoint = builder.baseUrl.newBuilder().addPathSegment("messages").build();
        this.model = builder.model;
        this.maxTokens = builder.maxTokens;
        this.anthropicVersion = builder.anthropicVersion;
        this.errors = new ErrorMapper(apiKey, new RetryAfter(builder.clock));
        this.encoder = new RequestEncoder(errors);
        this.reader = new AnswerReader(errors);
        // OkHttp silently repeats a request on a 408, a 503 with "Retry-After: 0" and some connection failures;
        // one call must be one attempt, so that the caller's policy alone decides about retries
        var base = builder.httpClient != null ? builder.httpClient : SharedHttpClient.get();
        var http = base.newBuilder().retryOnConnectionFailure(false).build();
        this.client = new MessagesClient(http, endpoint, apiKey, anthropicVersion, errors);
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
     * Asks the model once with {@code POST {baseUrl}/messages}.
     *
     * @param request the conversation, tools and options; never null
     * @return the model's answer, with the vendor's {@code request-id}; never null
     * @throws ProviderException with the kind the error mapping assigns; {@code CONTENT_REFUSED} for {@code
     *     stop_reason: refusal}, {@code INVALID_RESPONSE} when the answer is malformed or a tool call was cut off by
     *     {@code max_tokens}, {@code BAD_REQUEST} without a status for a request the API cannot express
     */
    @Override
    public ChatResponse complete(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        return call(request, client::send);
    }

    /**
     * Asks the model once and hands text over as it is produced.
     *
     * <p>Sends {@code stream: true} and hands each {@code text_delta} to the listener as it arrives; tool inputs
     * ({@code input_json_delta}) are joined and parsed once the stream is complete. An {@code error} event after the
     * 200 fails with the kind its type names ({@code overloaded_error} is {@code OVERLOADED}); a stream that breaks
     * or ends before {@code message_stop} fails with {@code CONNECTION}. A structured answer arrives as tool input,
     * not text, so it is handed over as one piece when complete.
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
        if (request.responseSchema().isEmpty()) {
            return call(request, body -> client.stream(body, listener::onToken));
        }
        var answer = call(request, body -> client.stream(body, ignored -> {}));
        if (!answer.message().text().isEmpty()) {
            listener.onToken(answer.message().text());
        }
        return answer;
    }

    private ChatResponse call(ChatRequest request, Function<ObjectNode, Turn> exchange) {
        String name = request.model().orElse(model);
        var answerTool = AnswerTool.of(request, errors);
        ObjectNode body = encoder.encode(request, name, maxTokens, answerTool);
        var turns = new ArrayList<Turn>();
        Turn turn = exchange.apply(body);
        turns.add(turn);
        while (turn.paused() && turns.size() <= MAX_CONTINUATIONS) {
            LOG.debug("anthropic paused the turn (request {}); sending it back", turn.requestId());
            body = RequestEncoder.continuation(body, turn.content());
            turn = exchange.apply(body);
            turns.add(turn);
        }
        var answer = reader.read(turns, answerTool, name);
        LOG.debug(
                "anthropic {} answered {} with {} (request {})",
                answer.model(),
                answer.finishReason(),
                answer.usage(),
                answer.requestId().orElse("-"));
        return answer;
    }

    /**
     * Describes the model without its API key.
     *
     * @return the endpoint, default model, output cap and API version; never null
     */
    @Override
    public String toString() {
        return "AnthropicChatModel[endpoint=" + endpoint + ", model=" + model + ", maxTokens=" + maxTokens
                + ", anthropicVersion=" + anthropicVersion + ", apiKey=[redacted]]";
    }

    /** Builds an {@link AnthropicChatModel}; mutable and not thread-safe. */
    public static final class Builder {
        private @Nullable String apiKey;
        private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
        private String model = DEFAULT_MODEL;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private String anthropicVersion = DEFAULT_ANTHROPIC_VERSION;
        private @Nullable OkHttpClient httpClient;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The API key, sent as {@code x-api-key}. Required.
         *
         * @param value the key; never null or blank
         * @return this builder
         */
        public Builder apiKey(String value) {
            this.apiKey = nonBlank(value, "apiKey");
            return this;
        }

        /**
         * The API root that {@code /messages} is appended to. Default {@value AnthropicChatModel#DEFAULT_BASE_URL}.
         *
         * @param value an {@code http} or {@code https} URL without query or fragment; never null
         * @return this builder
         */
        public Builder baseUrl(String value) {
            Objects.requireNonNull(value, "baseUrl");
            var parsed = HttpUrl.parse(value);
            if (parsed == null) {
                throw new IllegalArgumentException("baseUrl must be an http or https URL, was '" + value + "'");
            }
            if (parsed.query() != null || parsed.fragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment, was '" + value + "'");
            }
            this.baseUrl = parsed;
            return this;
        }

        /**
         * The model used when a request names none. Default {@value AnthropicChatModel#DEFAULT_MODEL}.
         *
         * @param value the model name; never null or blank
         * @return this builder
         */
        public Builder model(String value) {
            this.model = nonBlank(value, "model");
            return this;
        }

        /**
         * The output cap ({@code max_tokens}, which the API requires) used when a request sets none. Default
         * {@value AnthropicChatModel#DEFAULT_MAX_TOKENS}.
         *
         * @param value tokens, positive
         * @return this builder
         */
        public Builder maxTokens(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxTokens must be positive, was " + value);
            }
            this.maxTokens = value;
            return this;
        }

        /**
         * The {@code anthropic-version} header. Default {@value AnthropicChatModel#DEFAULT_ANTHROPIC_VERSION}.
         *
         * @param value the version date; never null or blank
         * @return this builder
         */
        public Builder anthropicVersion(String value) {
            this.anthropicVersion = nonBlank(value, "anthropicVersion");
            return this;
        }

        /**
         * The OkHttp client to use, with its own timeouts, proxy and connection pool. By default a shared client
         * with a 10 second connect timeout and a 10 minute read timeout is used.
         *
         * @param value the client; never null
         * @return this builder
         */
        public Builder httpClient(OkHttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * The clock that turns a {@code retry-after} HTTP date into a wait. Default the UTC system clock.
         *
         * @param value the clock; never null
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Builds the model.
         *
         * @return the model; never null
         * @throws IllegalStateException when no API key was set
         */
        public AnthropicChatModel build() {
            if (apiKey == null) {
                throw new IllegalStateException("an Anthropic chat model needs an apiKey");
            }
            return new AnthropicChatModel(this, apiKey);
        }

        private static String nonBlank(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
