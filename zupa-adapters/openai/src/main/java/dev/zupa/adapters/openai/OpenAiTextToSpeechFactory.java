package dev.zupa.adapters.openai;

import dev.zupa.adapters.openai.internal.ProviderSettings;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.speech.TextToSpeech;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.TextToSpeechFactory;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@link OpenAiTextToSpeech} services by the name {@value #NAME}; registered for {@link
 * java.util.ServiceLoader} in {@code META-INF/services/dev.zupa.core.spi.TextToSpeechFactory}.
 *
 * <p>Settings: {@code apiKey} (else the environment variable {@code OPENAI_API_KEY}; required), {@code baseUrl},
 * {@code model}, {@code voice}, {@code instructions}, {@code organization} and {@code project}, each as described on
 * {@link OpenAiTextToSpeech.Builder}. Thread-safe.
 *
 * @since 0.1
 */
public final class OpenAiTextToSpeechFactory implements TextToSpeechFactory {
    /** The provider name. */
    public static final String NAME = "openai";

    private final Function<String, @Nullable String> environment;

    /** Creates the factory; it reads the process environment. */
    public OpenAiTextToSpeechFactory() {
        this(System::getenv);
    }

    OpenAiTextToSpeechFactory(Function<String, @Nullable String> environment) {
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
     * Creates a text-to-speech service from settings.
     *
     * @param config the settings; never null
     * @return a new service; never null
     * @throws ZupaConfigurationException when no API key is set, or a setting is invalid (including instructions
     *     for {@code tts-1})
     */
    @Override
    public TextToSpeech create(ProviderConfig config) {
        var builder = OpenAiTextToSpeech.builder();
        return ProviderSettings.apply(config, environment, builder.client(), () -> {
            config.get("model").ifPresent(builder::model);
            config.get("voice").ifPresent(builder::voice);
            config.get("instructions").ifPresent(builder::instructions);
            return builder.build();
        });
    }
}
