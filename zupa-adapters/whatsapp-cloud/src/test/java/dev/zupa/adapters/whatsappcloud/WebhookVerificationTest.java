package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PROVIDERS.md section 6.3 case 1: Meta's GET handshake, over real HTTP to the standalone listener. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebhookVerificationTest {
    private final RecordingTransportContext context = new RecordingTransportContext();
    private WhatsAppCloudTransport transport;
    private WebhookClient client;

    @BeforeEach
    void start() {
        transport = Fixtures.transport().listenHost("127.0.0.1").listenPort(0).build();
        transport.start(context);
        client = new WebhookClient(transport);
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    @Test
    void verificationCorrectTokenAnswersTheChallengeByteExactAsPlainText() {
        var response = client.get("?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + VERIFY_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo("1158201444".getBytes(StandardCharsets.UTF_8));
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void verificationDecodesPercentEncodedParameters() {
        var response = client.get(
                "?hub.mode=subscribe&hub.challenge=a%2Bb%20c&hub.verify_token=" + VERIFY_TOKEN.replace("-", "%2D"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("a+b c");
    }

    @Test
    void verificationWrongTokenIsForbidden() {
        var response = client.get("?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("1158201444");
    }

    @Test
    void verificationMissingParametersAreForbidden() {
        assertThat(client.get("").statusCode()).isEqualTo(403);
        assertThat(client.get("?hub.mode=subscribe&hub.challenge=1").statusCode())
                .isEqualTo(403);
        assertThat(client.get("?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(client.get("?hub.challenge=1&hub.verify_token=" + VERIFY_TOKEN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(client.get("?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=" + VERIFY_TOKEN)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void verificationWorksBeforeStart() {
        try (var unstarted = Fixtures.transport().build()) {
            var answer = unstarted
                    .webhookHandler()
                    .handle(
                            "GET",
                            Map.of("hub.mode", "subscribe", "hub.challenge", "42", "hub.verify_token", VERIFY_TOKEN),
                            Map.of(),
                            new byte[0]);

            assertThat(answer).isEqualTo(new WebhookResponse(200, "42"));
            assertThat(answer.contentType()).isEqualTo("text/plain; charset=utf-8");
        }
    }

    @Test
    void otherPathsAreNotFound() {
        assertThat(client.get("/elsewhere?hub.mode=subscribe").statusCode()).isEqualTo(404);
    }
}
