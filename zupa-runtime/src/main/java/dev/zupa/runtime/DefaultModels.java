package dev.zupa.runtime;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.speech.SpeechToText;
import dev.zupa.core.speech.TextToSpeech;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.ProviderFactory;
import dev.zupa.core.spi.SpeechToTextFactory;
import dev.zupa.core.spi.TextToSpeechFactory;
import java.util.Optional;

/**
 * Finds the providers the builder was given none of: the chat model from {@code ZUPA_LLM}, then OpenAI with a key,
 * then scripted; speech-to-text and text-to-speech from {@code ZUPA_STT} / {@code ZUPA_TTS}, then OpenAI with a key,
 * else none (voice notes are then answered as text).
 */
final class DefaultModels {
    private DefaultModels() {}

    static ChatModel find() {
        var factories = ProviderFactory.available(ChatModelFactory.class);
        var chosen = Optional.ofNullable(System.getenv("ZUPA_LLM"))
                .filter(n -> !n.isBlank())
                .orElseGet(() -> {
                    var key = System.getenv("OPENAI_API_KEY");
                    return key != null && !key.isBlank() && factories.containsKey("openai") ? "openai" : "scripted";
                });
        var factory = factories.get(chosen);
        if (factory == null) {
            throw new ZupaConfigurationException("no chat model named '" + chosen + "' on the class path (found "
                    + factories.keySet() + "); pass one with Agent.builder().chatModel(...) or add its adapter, such as"
                    + " dev.zupa:zupa-adapters-" + chosen);
        }
        return factory.create(ProviderConfig.empty());
    }

    static Optional<SpeechToText> speechToText() {
        return speech(SpeechToTextFactory.class, "ZUPA_STT").map(f -> f.create(ProviderConfig.empty()));
    }

    static Optional<TextToSpeech> textToSpeech() {
        return speech(TextToSpeechFactory.class, "ZUPA_TTS").map(f -> f.create(ProviderConfig.empty()));
    }

    private static <F extends ProviderFactory<?>> Optional<F> speech(Class<F> type, String variable) {
        var factories = ProviderFactory.available(type);
        var named = Optional.ofNullable(System.getenv(variable)).filter(n -> !n.isBlank());
        if (named.isPresent()) {
            var factory = factories.get(named.get());
            if (factory == null) {
                throw new ZupaConfigurationException(variable + " names '" + named.get() + "', which is not on the"
                        + " class path (found " + factories.keySet() + ")");
            }
            return Optional.of(factory);
        }
        var key = System.getenv("OPENAI_API_KEY");
        return key != null && !key.isBlank() ? Optional.ofNullable(factories.get("openai")) : Optional.empty();
    }
}
