package dev.zupa.adapters.openai.internal;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client models share when the user gives none, created on first use. Timeouts follow OpenAI's own
 * SDKs: a short connect timeout and a long read timeout, since a model may think for minutes before its first byte;
 * the runtime's policy applies the call's real deadline.
 */
public final class DefaultHttpClient {
    private DefaultHttpClient() {}

    /**
     * The shared client.
     *
     * @return the client; never null
     */
    public static OkHttpClient get() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMinutes(10))
                .writeTimeout(Duration.ofMinutes(1))
                .build();
    }
}
