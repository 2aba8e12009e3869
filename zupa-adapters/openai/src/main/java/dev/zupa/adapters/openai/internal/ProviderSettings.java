package dev.zupa.adapters.openai.internal;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.spi.ProviderConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The settings all OpenAI factories read the same way: {@code apiKey} (else the environment variable {@value
 * #API_KEY_ENV}), {@code baseUrl}, {@code organization} and {@code project}. Bad input becomes a {@link
 * ZupaConfigurationException}. Stateless and thread-safe.
 */
public final class ProviderSettings {
    /** The environment variable read when the {@code apiKey} setting is absent. */
    public static final String API_KEY_ENV = "OPENAI_API_KEY";

    private ProviderSettings() {}

    /**
     * Applies the shared settings, then lets the factory apply its own and build.
     *
     * @param <T> what the factory builds
     * @param config the settings; never null
     * @param environment looks up environment variables; never null
     * @param client the builder's shared settings; never null
     * @param build applies the factory's own settings and builds; never null
     * @return what {@code build} returned; never null
     * @throws ZupaConfigurationException when no API key is set, or a setting is invalid
     */
    public static <T> T apply(
            ProviderConfig config,
            Function<String, @Nullable String> environment,
            ClientSettings client,
            Supplier<T> build) {
        Objects.requireNonNull(config, "config");
        String apiKey = config.get("apiKey")
                .filter(key -> !key.isBlank())
                .or(() -> Optional.ofNullable(environment.apply(API_KEY_ENV)).filter(key -> !key.isBlank()))
                .orElseThrow(() -> new ZupaConfigurationException("no OpenAI API key: set the environment variable "
                        + API_KEY_ENV + " or the provider setting 'apiKey'"));
        try {
            client.apiKey(apiKey);
            config.get("baseUrl").ifPresent(client::baseUrl);
            config.get("organization").ifPresent(client::organization);
            config.get("project").ifPresent(client::project);
            return build.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ZupaConfigurationException("invalid OpenAI provider setting: " + e.getMessage(), e);
        }
    }
}
