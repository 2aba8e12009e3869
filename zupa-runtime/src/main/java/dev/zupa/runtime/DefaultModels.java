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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Finds the providers the builder was given none of: the chat model from {@code ZUPA_LLM}, then OpenAI with a key,
 * then scripted; speech-to-text and text-to-speech from {@code ZUPA_STT} / {@code ZUPA_TTS}, then OpenAI with a key,
 * else none (voice notes are then answered as text). What it creates is owned by the agent, which closes it.
 */
final class DefaultModels {
    private DefaultModels() {}

    static ChatModel find(OwnedResources owned, Function<String, @Nullable String> env) {
        var factories = ProviderFactory.available(ChatModelFactory.class);
        var chosen = Optional.ofNullable(env.apply("ZUPA_LLM"))
                .filter(n -> !n.isBlank())
                .orElseGet(() -> {
                    var key = env.apply("OPENAI_API_KEY");
                    return key != null && !key.isBlank() && factories.containsKey("openai") ? "openai" : "scripted";
                });
        var factory = factories.get(chosen);
        if (factory == null) {
            throw new ZupaConfigurationException("no chat model named '" + chosen + "' on the class path (found "
                    + factories.keySet() + "); pass one with Agent.builder().chatModel(...) or add its adapter, such as"
                    + " dev.zupa:zupa-adapters-" + chosen);
        }
        return owned.open("chat model", factory, ProviderConfig.empty());
    }

    static Optional<SpeechToText> speechToText(OwnedResources owned, Function<String, @Nullable String> env) {
        return speech(SpeechToTextFactory.class, "ZUPA_STT", env)
                .map(f -> owned.open("speech-to-text provider", f, ProviderConfig.empty()));
    }

    static Optional<TextToSpeech> textToSpeech(OwnedResources owned, Function<String, @Nullable String> env) {
        return speech(TextToSpeechFactory.class, "ZUPA_TTS", env)
                .map(f -> owned.open("text-to-speech provider", f, ProviderConfig.empty()));
    }

    private static <F extends ProviderFactory<?>> Optional<F> speech(
            Class<F> type, String variable, Function<String, @Nullable String> env) {
        var factories = ProviderFactory.available(type);
        var named = Optional.ofNullable(env.apply(variable)).filter(n -> !n.isBlank());
        if (named.isPresent()) {
            var factory = factories.get(named.get());
            if (factory == null) {
                throw new ZupaConfigurationException(variable + " names '" + named.get() + "', which is not on the"
                        + " class path (found " + factories.keySet() + ")");
            }
            return Optional.of(factory);
        }
        var key = env.apply("OPENAI_API_KEY");
        return key != null && !key.isBlank() ? Optional.ofNullable(factories.get("openai")) : Optional.empty();
    }
}
