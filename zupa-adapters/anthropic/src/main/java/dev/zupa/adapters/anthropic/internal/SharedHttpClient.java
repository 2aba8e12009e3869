package dev.zupa.adapters.anthropic.internal;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client that models share when the user gives none, created on first use. A short connect timeout and
 * a long read timeout, as Anthropic's SDKs use (10 minutes): a long answer may take minutes before its last byte,
 * and the runtime's policy applies the call's real deadline.
 */
public final class SharedHttpClient {
    private SharedHttpClient() {}

    /**
     * The shared client.
     *
     * @return the client; never null
     */
    public static OkHttpClient get() {
        return Holder.CLIENT;
    }

    /** Lazy holder: no client (and no OkHttp thread pool) unless a model without its own client is built. */
    private static final class Holder {
        private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMinutes(10))
                .writeTimeout(Duration.ofMinutes(1))
                .build();
    }
}
