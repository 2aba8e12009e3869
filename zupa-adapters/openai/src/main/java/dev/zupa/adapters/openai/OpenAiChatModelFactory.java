package dev.zupa.adapters.openai;

import dev.zupa.adapters.openai.internal.ProviderSettings;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@link OpenAiChatModel}s by the name {@value #NAME}; registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.zupa.core.spi.ChatModelFactory}.
 *
 * <p>Settings: {@code apiKey} (else the environment variable {@code OPENAI_API_KEY}; required), {@code baseUrl},
 * {@code model}, {@code organization} and {@code project}, each as described on {@link OpenAiChatModel.Builder}.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class OpenAiChatModelFactory implements ChatModelFactory {
    /** The provider name. */
    public static final String NAME = "openai";

    /** The environment variable read when the {@code apiKey} setting is absent. */
    public static final String API_KEY_ENV = ProviderSettings.API_KEY_ENV;

    private final Function<String, @Nullable String> environment;

    /** Creates the factory; it reads the process environment. */
    public OpenAiChatModelFactory() {
        this(System::getenv);
    }

    OpenAiChatModelFactory(Function<String, @Nullable String> environment) {
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
        var builder = OpenAiChatModel.builder();
        return ProviderSettings.apply(config, environment, builder.client(), () -> {
            config.get("model").ifPresent(builder::model);
            return builder.build();
        });
    }
}
