package dev.zupa.adapters.openai;

import dev.zupa.adapters.openai.internal.ProviderSettings;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.speech.SpeechToText;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.SpeechToTextFactory;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@link OpenAiSpeechToText} services by the name {@value #NAME}; registered for {@link
 * java.util.ServiceLoader} in {@code META-INF/services/dev.zupa.core.spi.SpeechToTextFactory}.
 *
 * <p>Settings: {@code apiKey} (else the environment variable {@code OPENAI_API_KEY}; required), {@code baseUrl},
 * {@code model}, {@code organization} and {@code project}, each as described on {@link OpenAiSpeechToText.Builder}.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class OpenAiSpeechToTextFactory implements SpeechToTextFactory {
    /** The provider name. */
    public static final String NAME = "openai";

    private final Function<String, @Nullable String> environment;

    /** Creates the factory; it reads the process environment. */
    public OpenAiSpeechToTextFactory() {
        this(System::getenv);
    }

    OpenAiSpeechToTextFactory(Function<String, @Nullable String> environment) {
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
     * Creates a speech-to-text service from settings.
     *
     * @param config the settings; never null
     * @return a new service; never null
     * @throws ZupaConfigurationException when no API key is set, or a setting is invalid
     */
    @Override
    public SpeechToText create(ProviderConfig config) {
        var builder = OpenAiSpeechToText.builder();
        return ProviderSettings.apply(config, environment, builder.client(), () -> {
            config.get("model").ifPresent(builder::model);
            return builder.build();
        });
    }
}
