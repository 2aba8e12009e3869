package dev.zupa.adapters.openai.internal;

import java.time.Clock;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The settings every OpenAI endpoint shares: API key, base URL, organization, project, HTTP client and clock. The
 * public builders of the chat, transcription and speech adapters delegate to one of these, so that the checks and
 * their messages exist once. Mutable and not thread-safe, like the builders that own it.
 */
public final class ClientSettings {
    /** The base URL used when none is set. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private @Nullable String apiKey;
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private @Nullable String organization;
    private @Nullable String project;
    private @Nullable OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();

    /**
     * Sets the API key.
     *
     * @param value the key; never null or blank
     * @throws IllegalArgumentException when the key is blank (the message never contains it)
     */
    public void apiKey(String value) {
        Objects.requireNonNull(value, "apiKey");
        if (value.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        this.apiKey = value;
    }

    /**
     * Sets the API root that endpoint paths are appended to.
     *
     * @param value an {@code http} or {@code https} URL without query or fragment; never null
     * @throws IllegalArgumentException naming the bad value
     */
    public void baseUrl(String value) {
        Objects.requireNonNull(value, "baseUrl");
        var parsed = HttpUrl.parse(value);
        if (parsed == null) {
            throw new IllegalArgumentException("baseUrl must be an http or https URL, was '" + value + "'");
        }
        if (parsed.query() != null || parsed.fragment() != null) {
            throw new IllegalArgumentException("baseUrl must not have a query or fragment, was '" + value + "'");
        }
        this.baseUrl = parsed;
    }

    /**
     * Sets the organization, sent as {@code OpenAI-Organization}.
     *
     * @param value the organization id; never null or blank
     */
    public void organization(String value) {
        this.organization = nonBlank(value, "organization");
    }

    /**
     * Sets the project, sent as {@code OpenAI-Project}.
     *
     * @param value the project id; never null or blank
     */
    public void project(String value) {
        this.project = nonBlank(value, "project");
    }

    /**
     * Sets the OkHttp client.
     *
     * @param value the client; never null
     */
    public void httpClient(OkHttpClient value) {
        this.httpClient = Objects.requireNonNull(value, "httpClient");
    }

    /**
     * Sets the clock that turns an HTTP-date {@code retry-after} into a wait.
     *
     * @param value the clock; never null
     */
    public void clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
    }

    /**
     * Builds the connection to one endpoint.
     *
     * @param path the endpoint path below the base URL, such as {@code audio/speech}; never null
     * @param service what is being built, for the error message, such as {@code "chat model"}; never null
     * @return the connection; never null
     * @throws IllegalStateException when no API key was set
     */
    public Connection connect(String path, String service) {
        if (apiKey == null) {
            throw new IllegalStateException("an OpenAI " + service + " needs an apiKey");
        }
        var endpoint = baseUrl.newBuilder().addPathSegments(path).build();
        // OkHttp silently repeats a request on a 408, a 503 with "Retry-After: 0" and some connection failures;
        // one call must be one attempt, so that the caller's policy alone decides about retries
        var base = httpClient != null ? httpClient : DefaultHttpClient.get();
        var client = base.newBuilder().retryOnConnectionFailure(false).build();
        return new Connection(endpoint, apiKey, organization, project, client, new ErrorMapper(apiKey, clock));
    }

    /**
     * Checks a required text setting.
     *
     * @param value the value; never null or blank
     * @param name the setting's name, for the message; never null
     * @return the value
     * @throws IllegalArgumentException when the value is blank
     */
    public static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
