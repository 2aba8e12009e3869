package dev.zupa.examples.whatsapp;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.ProviderFactory;
import dev.zupa.core.spi.SpeechToTextFactory;
import dev.zupa.core.spi.TextToSpeechFactory;
import dev.zupa.core.transport.Transport;
import dev.zupa.examples.burgers.BurgerScript;
import dev.zupa.examples.burgers.BurgerShop;
import dev.zupa.runtime.Agent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The burger shop's agent with the providers the environment allows: OpenAI for the model, speech-to-text and
 * text-to-speech when {@code OPENAI_API_KEY} is set, else the offline script and the fake voice that
 * {@link BurgerShop#builder} already sets.
 */
final class WhatsAppShop {
    static final String OPENAI_API_KEY = "OPENAI_API_KEY";

    private WhatsAppShop() {}

    static Agent.Builder builder(Transport transport, Map<String, String> environment, Path dataFile) {
        var builder = BurgerShop.builder(transport, BurgerScript.model(), dataFile);
        openAiKey(environment).ifPresent(key -> {
            var config = ProviderConfig.of(Map.of("apiKey", key));
            try {
                builder.chatModel(openAi(ChatModelFactory.class).create(config))
                        .speechToText(openAi(SpeechToTextFactory.class).create(config))
                        .textToSpeech(openAi(TextToSpeechFactory.class).create(config));
            } catch (ZupaConfigurationException e) {
                throw new SetupException("OpenAI: " + e.getMessage());
            }
        });
        return builder;
    }

    static String providersLine(Map<String, String> environment) {
        return openAiKey(environment).isPresent()
                ? "Model, speech-to-text and text-to-speech: OpenAI."
                : "Model: the offline script; voice: the examples' fake speech (set OPENAI_API_KEY for OpenAI).";
    }

    /**
     * Keeps the process alive until it is stopped (Ctrl-C, {@code kill}), then closes the agent: the transport
     * stops taking messages and running turns finish, so nothing received is left half answered.
     */
    static void serveUntilStopped(Agent agent, PrintStream out) throws InterruptedException {
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("demo-shutdown").unstarted(() -> {
                    out.println("[demo] stopping: closing the agent");
                    agent.close();
                }));
        new CountDownLatch(1).await();
    }

    private static Optional<String> openAiKey(Map<String, String> environment) {
        return Optional.ofNullable(environment.get(OPENAI_API_KEY)).filter(key -> !key.isBlank());
    }

    private static <F extends ProviderFactory<?>> F openAi(Class<F> type) {
        var factory = ProviderFactory.available(type).get("openai");
        if (factory == null) {
            throw new SetupException(
                    OPENAI_API_KEY + " is set but dev.zupa:zupa-adapters-openai is not on the class path; add it or"
                            + " unset the variable to run offline");
        }
        return factory;
    }
}
