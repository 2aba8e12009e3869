package dev.zupa.adapters.anthropic;

import static dev.zupa.adapters.anthropic.Vectors.KEY;
import static dev.zupa.adapters.anthropic.Vectors.assertMessagesRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.ProviderFactory;
import java.util.Map;
import java.util.ServiceLoader;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicChatModelFactoryTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void serviceLoaderFindsAnthropic() {
        var names = ServiceLoader.load(ChatModelFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory instanceof AnthropicChatModelFactory)
                .map(ChatModelFactory::name)
                .toList();

        assertThat(names).containsExactly("anthropic");
        assertThat(ProviderFactory.available(ChatModelFactory.class)).containsKey("anthropic");
    }

    @Test
    void withoutAKeyFailsNamingTheVariable() {
        var factory = new AnthropicChatModelFactory(name -> null);

        assertThatThrownBy(() -> factory.create(ProviderConfig.empty()))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("no Anthropic API key: set the environment variable ANTHROPIC_API_KEY or the provider"
                        + " setting 'apiKey'");
    }

    @Test
    void blankKeyCountsAsMissing() {
        var factory = new AnthropicChatModelFactory(name -> "  ");

        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("apiKey", ""))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageContaining("ANTHROPIC_API_KEY");
    }

    @Test
    void createsAModelFromSettings() throws Exception {
        server.enqueue(Vectors.jsonResponse(200, "message-text.json"));
        var factory = new AnthropicChatModelFactory(name -> "sk-ant-from-the-environment");
        var config = ProviderConfig.of(Map.of(
                "apiKey",
                KEY,
                "baseUrl",
                server.url("/gateway/v1").toString(),
                "model",
                "claude-haiku-4-5",
                "maxTokens",
                "1024"));

        var model = factory.create(config);
        model.complete(ChatRequest.builder().message(Message.user("hola")).build());

        var body = assertMessagesRequest(server.takeRequest(), "/gateway/v1/messages");
        assertThat(body.get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
        assertThat(model.toString()).doesNotContain(KEY).contains("maxTokens=1024");
    }

    @Test
    void readsTheKeyFromTheEnvironment() throws Exception {
        server.enqueue(Vectors.jsonResponse(200, "message-text.json"));
        var factory = new AnthropicChatModelFactory(name -> "ANTHROPIC_API_KEY".equals(name) ? KEY : null);

        factory.create(ProviderConfig.of(Map.of("baseUrl", server.url("/v1").toString())))
                .complete(ChatRequest.builder().message(Message.user("hola")).build());

        var body = assertMessagesRequest(server.takeRequest());
        assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void invalidSettingsAreConfigurationErrors() {
        var factory = new AnthropicChatModelFactory(name -> KEY);

        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("baseUrl", "api.anthropic.com"))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid Anthropic provider setting: baseUrl must be an http or https URL, was"
                        + " 'api.anthropic.com'");
        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("maxTokens", "lots"))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid Anthropic provider setting: maxTokens must be a whole number, was 'lots'");
        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("maxTokens", "-1"))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid Anthropic provider setting: maxTokens must be positive, was -1");
    }
}
