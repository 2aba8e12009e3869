package dev.zupa.adapters.openai.internal;

import dev.zupa.core.provider.ProviderException;
import java.io.IOException;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenAI endpoint with its credentials: builds authenticated requests, makes exactly one attempt per call and
 * turns every failure into a {@link ProviderException} through the {@link ErrorMapper}. The API key only ever goes
 * into the {@code Authorization} header; {@link #toString()} and {@link #describe} leave it out. Immutable and
 * thread-safe; created by {@link ClientSettings#connect}.
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpUrl endpoint;
    private final String apiKey;
    private final @Nullable String organization;
    private final @Nullable String project;
    private final OkHttpClient client;
    private final ErrorMapper errors;

    Connection(
            HttpUrl endpoint,
            String apiKey,
            @Nullable String organization,
            @Nullable String project,
            OkHttpClient client,
            ErrorMapper errors) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.organization = organization;
        this.project = project;
        this.client = client;
        this.errors = errors;
    }

    /**
     * Reads a successful (2xx) response.
     *
     * @param <T> what the response becomes
     */
    @FunctionalInterface
    public interface ResponseReader<T> {
        /**
         * Reads the response; its body is closed afterwards.
         *
         * @param response the response; never null
         * @param requestId the vendor's {@code x-request-id}, if any
         * @return the result; never null
         * @throws IOException when reading the body fails
         */
        T read(Response response, @Nullable String requestId) throws IOException;
    }

    /**
     * The endpoint's URL.
     *
     * @return the URL; never null
     */
    public HttpUrl endpoint() {
        return endpoint;
    }

    /**
     * The error mapping, which knows the key to redact.
     *
     * @return the mapper; never null
     */
    public ErrorMapper errors() {
        return errors;
    }

    /**
     * Starts a {@code POST} to the endpoint with the {@code Authorization}, {@code OpenAI-Organization} and {@code
     * OpenAI-Project} headers set.
     *
     * @param body the request body; never null
     * @return a request builder the caller may add headers to; never null
     */
    public Request.Builder post(RequestBody body) {
        Objects.requireNonNull(body, "body");
        var builder = new Request.Builder()
                .url(endpoint)
                .header("Authorization", "Bearer " + apiKey)
                .post(body);
        if (organization != null) {
            builder.header("OpenAI-Organization", organization);
        }
        if (project != null) {
            builder.header("OpenAI-Project", project);
        }
        return builder;
    }

    /**
     * Makes one attempt: a non-2xx status becomes the mapped exception, an I/O failure {@code TIMEOUT} or {@code
     * CONNECTION}, and a 2xx response is handed to the reader.
     *
     * @param <T> what the response becomes
     * @param request the request; never null
     * @param reader reads a successful response; never null
     * @return what the reader returned; never null
     * @throws ProviderException when the call fails, or as the reader throws
     */
    public <T> T call(Request request, ResponseReader<T> reader) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(reader, "reader");
        String requestId = null;
        try (Response response = client.newCall(request).execute()) {
            requestId = ErrorMapper.requestId(response.headers()).orElse(null);
            if (!response.isSuccessful()) {
                String body = response.peekBody(MAX_ERROR_BODY).string();
                var failure = errors.fromHttp(response.code(), response.headers(), body);
                LOG.debug("openai call failed: {}", failure.getMessage());
                throw failure;
            }
            return reader.read(response, requestId);
        } catch (IOException e) {
            throw errors.fromIo(e, requestId);
        }
    }

    /**
     * Describes the endpoint for a {@code toString}, without the key.
     *
     * @param settings the owner's own settings to show after the endpoint, such as {@code "model=whisper-1"}; never
     *     null
     * @return {@code endpoint=…, <settings>[, organization=…][, project=…], apiKey=[redacted]}; never null
     */
    public String describe(String settings) {
        return "endpoint=" + endpoint + ", " + settings
                + (organization == null ? "" : ", organization=" + organization)
                + (project == null ? "" : ", project=" + project) + ", apiKey=[redacted]";
    }

    /**
     * Describes the connection without the key.
     *
     * @return the endpoint, organization and project; never null
     */
    @Override
    public String toString() {
        return "Connection[endpoint=" + endpoint
                + (organization == null ? "" : ", organization=" + organization)
                + (project == null ? "" : ", project=" + project) + ", apiKey=[redacted]]";
    }
}
