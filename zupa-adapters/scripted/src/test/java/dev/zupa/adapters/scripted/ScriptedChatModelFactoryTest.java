package dev.zupa.adapters.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ScriptedChatModelFactoryTest {
    private static String ask(ChatModel model, String text) {
        return model.complete(ChatRequest.builder().message(Message.user(text)).build())
                .message()
                .text();
    }

    @Test
    void serviceLoaderFindsScripted() {
        var names = ServiceLoader.load(ChatModelFactory.class).stream()
                .map(provider -> provider.get().name())
                .toList();

        assertThat(names).contains("scripted");
    }

    @Test
    void defaultScriptGreetsExplainsItselfAndEchoes() {
        var model = new ScriptedChatModelFactory().create(ProviderConfig.empty());

        assertThat(ask(model, "Hello!")).startsWith("Hello! I am Zupa's offline scripted model.");
        assertThat(ask(model, "Hi, who are you?")).isEqualTo(ScriptedChatModelFactory.IDENTITY);
        assertThat(ask(model, "I'd like a burger")).isEqualTo("You said: I'd like a burger");
    }
}
