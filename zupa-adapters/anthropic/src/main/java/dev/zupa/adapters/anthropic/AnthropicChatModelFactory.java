package dev.zupa.adapters.anthropic;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@link AnthropicChatModel}s by the name {@value #NAME}; registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.zupa.core.spi.ChatModelFactory}.
 *
 * <p>Settings: {@code apiKey} (else the environment variable {@value #API_KEY_ENV}; required), {@code baseUrl},
 * {@code model} and {@code maxTokens} (a positive integer), each as described on {@link AnthropicChatModel.Builder}.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class AnthropicChatModelFactory implements ChatModelFactory {
    /** The provider name. */
    public static final String NAME = "anthropic";

    /** The environment variable read when the {@code apiKey} setting is absent. */
    public static final String API_KEY_ENV = "ANTHROPIC_API_KEY";

    private final Function<String, @Nullable String> environment;

    /** Creates the factory; it reads the process environment. */
    public AnthropicChatModelFactory() {
        this(System::getenv);
    }

    AnthropicChatModelFactory(Function<String, @Nullable String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * The provider name.
     *
     * @return {@value #NAME}
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a model from settings.
     *
     * @param config the settings; never null
     * @return a new model; never null
     * @throws ZupaConfigurationException when no API key is set, or a setting is invalid
     */
    @Override
    public ChatModel create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        String apiKey = config.get("apiKey")
                .filter(key -> !key.isBlank())
                .or(() -> Optional.ofNullable(environment.apply(API_KEY_ENV)).filter(key -> !key.isBlank()))
                .orElseThrow(() -> new ZupaConfigurationException("no Anthropic API key: set the environment variable "
                        + API_KEY_ENV + " or the provider setting 'apiKey'"));
        var builder = AnthropicChatModel.builder();
        try {
            builder.apiKey(apiKey);
            config.get("baseUrl").ifPresent(builder::baseUrl);
            config.get("model").ifPresent(builder::model);
            config.get("maxTokens").ifPresent(value -> builder.maxTokens(integer("maxTokens", value)));
        } catch (IllegalArgumentException e) {
            throw new ZupaConfigurationException("invalid Anthropic provider setting: " + e.getMessage(), e);
        }
        return builder.build();
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }
}
