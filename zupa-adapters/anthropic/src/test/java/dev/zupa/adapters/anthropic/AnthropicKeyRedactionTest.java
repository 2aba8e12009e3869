package dev.zupa.adapters.anthropic;

import static dev.zupa.adapters.anthropic.Vectors.KEY;
import static dev.zupa.adapters.anthropic.Vectors.assertMessagesRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.spi.ProviderConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The API key never appears in a log line, an exception message or a {@code toString}. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicKeyRedactionTest {
    /** A 401 body that quotes the key, as a misconfigured proxy might. */
    private static final String ECHO = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
            + "\"message\":\"invalid x-api-key " + KEY + " (also tried sk-ant-api03-Other-Key_99)\"}}";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void keyIsNeitherLoggedNorInExceptionsNorInToString() throws Exception {
        server.enqueue(Vectors.jsonResponse(200, "message-text.json"));
        server.enqueue(new MockResponse.Builder().code(401).body(ECHO).build());
        var model = new AnthropicChatModelFactory(name -> null)
                .create(ProviderConfig.of(
                        Map.of("apiKey", KEY, "baseUrl", server.url("/v1").toString())));
        var request = ChatRequest.builder().message(Message.user("hi")).build();

        var log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        ProviderException failure;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            model.complete(request);
            failure = (ProviderException) catchThrowable(() -> model.complete(request));
        } finally {
            System.setErr(original);
        }

        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged)
                .as("the adapter logs each call at DEBUG")
                .contains("anthropic POST")
                .contains("anthropic call failed")
                .doesNotContain(KEY)
                .doesNotContain("Zu9aTestKey");
        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.AUTHENTICATION);
        assertThat(failure.getMessage())
                .contains("invalid x-api-key [redacted] (also tried sk-ant-[redacted])")
                .doesNotContain(KEY)
                .doesNotContain("Other-Key");
        assertThat(failure.toString()).doesNotContain(KEY);
        assertThat(model.toString()).doesNotContain(KEY).contains("apiKey=[redacted]");
        assertMessagesRequest(server.takeRequest());
        assertMessagesRequest(server.takeRequest());
    }

    @Test
    void connectionFailureMessageDoesNotCarryTheKey() throws Exception {
        var model = AnthropicChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .build();
        server.close();

        assertThatThrownBy(() -> model.complete(
                        ChatRequest.builder().message(Message.user("hi")).build()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
        assertThat(server.getRequestCount()).isZero();
    }
}
