package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static dev.zupa.adapters.openai.Vectors.assertChatRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import java.util.Map;
import java.util.ServiceLoader;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiChatModelFactoryTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void serviceLoaderFindsOpenAi() {
        var names = ServiceLoader.load(ChatModelFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory instanceof OpenAiChatModelFactory)
                .map(ChatModelFactory::name)
                .toList();

        assertThat(names).containsExactly("openai");
    }

    @Test
    void withoutAKeyFailsNamingTheVariable() {
        var factory = new OpenAiChatModelFactory(name -> null);

        assertThatThrownBy(() -> factory.create(ProviderConfig.empty()))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("no OpenAI API key: set the environment variable OPENAI_API_KEY or the provider setting"
                        + " 'apiKey'");
    }

    @Test
    void blankKeyCountsAsMissing() {
        var factory = new OpenAiChatModelFactory(name -> "  ");

        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("apiKey", ""))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void createsAModelFromSettings() throws Exception {
        server.enqueue(Vectors.jsonResponse(200, "chat-text.json"));
        var factory = new OpenAiChatModelFactory(name -> null);
        var config = ProviderConfig.of(Map.of(
                "apiKey", KEY,
                "baseUrl", server.url("/compat/v1").toString(),
                "model", "qwen2.5:7b",
                "organization", "org-zupa",
                "project", "proj_1"));

        var model = factory.create(config);
        model.complete(ChatRequest.builder().message(Message.user("hola")).build());

        var request = server.takeRequest();
        var body = assertChatRequest(request, "/compat/v1/chat/completions");
        assertThat(body.get("model").asText()).isEqualTo("qwen2.5:7b");
        assertThat(request.getHeaders().get("OpenAI-Organization")).isEqualTo("org-zupa");
        assertThat(request.getHeaders().get("OpenAI-Project")).isEqualTo("proj_1");
        assertThat(model.toString()).doesNotContain(KEY);
    }

    @Test
    void readsTheKeyFromTheEnvironment() throws Exception {
        server.enqueue(Vectors.jsonResponse(200, "chat-text.json"));
        var factory = new OpenAiChatModelFactory(name -> "OPENAI_API_KEY".equals(name) ? KEY : null);

        factory.create(ProviderConfig.of(Map.of("baseUrl", server.url("/v1").toString())))
                .complete(ChatRequest.builder().message(Message.user("hola")).build());

        var body = assertChatRequest(server.takeRequest(), "/v1/chat/completions");
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void invalidSettingIsAConfigurationError() {
        var factory = new OpenAiChatModelFactory(name -> KEY);

        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("baseUrl", "localhost:11434"))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid OpenAI provider setting: baseUrl must be an http or https URL, was"
                        + " 'localhost:11434'");
    }
}
