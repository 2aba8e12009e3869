package dev.zupa.adapters.openai;

import dev.zupa.adapters.openai.internal.ClientSettings;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * What every OpenAI service builder sets the same way: the key, the API root, the organization and project headers,
 * the HTTP client and the clock. The builders of {@link OpenAiChatModel}, {@link OpenAiSpeechToText} and
 * {@link OpenAiTextToSpeech} extend it. Mutable and not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 * @since 0.1
 */
public abstract class OpenAiClientBuilder<B extends OpenAiClientBuilder<B>> {
    private final ClientSettings client = new ClientSettings();

    OpenAiClientBuilder() {}

    /**
     * The API key, sent as {@code Authorization: Bearer}. Required. It never appears in a log line, an exception
     * message or a {@code toString}.
     *
     * @param value the key; never null or blank
     * @return this builder
     */
    public B apiKey(String value) {
        client.apiKey(value);
        return self();
    }

    /**
     * The API root that each service's path ({@code /chat/completions}, {@code /audio/transcriptions},
     * {@code /audio/speech}) is appended to. Default {@value OpenAiChatModel#DEFAULT_BASE_URL}; any
     * OpenAI-compatible server (Azure OpenAI, Ollama, vLLM, LM Studio) works.
     *
     * @param value an {@code http} or {@code https} URL; never null
     * @return this builder
     */
    public B baseUrl(String value) {
        client.baseUrl(value);
        return self();
    }

    /**
     * The organization, sent as {@code OpenAI-Organization}. Not sent by default.
     *
     * @param value the organization id; never null or blank
     * @return this builder
     */
    public B organization(String value) {
        client.organization(value);
        return self();
    }

    /**
     * The project, sent as {@code OpenAI-Project}. Not sent by default.
     *
     * @param value the project id; never null or blank
     * @return this builder
     */
    public B project(String value) {
        client.project(value);
        return self();
    }

    /**
     * The OkHttp client to use, with its own timeouts, proxy and connection pool. By default a shared client with a
     * 10 second connect timeout and a 10 minute read timeout is used. OkHttp's silent retries are switched off on it
     * either way.
     *
     * @param value the client; never null
     * @return this builder
     */
    public B httpClient(OkHttpClient value) {
        client.httpClient(value);
        return self();
    }

    /**
     * The clock that turns a {@code retry-after} HTTP date into a wait. Default the UTC system clock.
     *
     * @param value the clock; never null
     * @return this builder
     */
    public B clock(Clock value) {
        client.clock(value);
        return self();
    }

    /** The settings the setters above filled in, for the service and its factory. */
    ClientSettings client() {
        return client;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
