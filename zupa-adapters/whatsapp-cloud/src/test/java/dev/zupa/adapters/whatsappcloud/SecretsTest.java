package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.ACCESS_TOKEN;
import static dev.zupa.adapters.whatsappcloud.Fixtures.ANA;
import static dev.zupa.adapters.whatsappcloud.Fixtures.APP_SECRET;
import static dev.zupa.adapters.whatsappcloud.Fixtures.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The access token, app secret and verify token never appear in {@code toString()}, exception messages or logs. The
 * tests log at DEBUG into {@code target/whatsapp-cloud-test.log} (see {@code simplelogger.properties}); every test
 * of the module uses the same fake secrets, so the whole file must be free of them.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecretsTest {
    private static final Path LOG = Path.of("target/whatsapp-cloud-test.log");

    @StartStop
    final MockWebServer graph = new MockWebServer();

    @Test
    void toStringNamesNoSecret() {
        try (var transport = Fixtures.transport(graph).listenPort(0).build()) {
            assertThat(transport.toString())
                    .contains("phoneNumberId=106540352242922")
                    .doesNotContain(ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN);
            assertThat(transport.webhookHandler().toString()).doesNotContain(ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN);
        }
    }

    @Test
    void exceptionMessagesNeverCarryTheToken() {
        graph.enqueue(Fixtures.jsonResponse(
                401,
                "{\"error\":{\"message\":\"Malformed access token " + ACCESS_TOKEN + "\",\"type\":\"OAuthException\","
                        + "\"code\":190,\"fbtrace_id\":\"x\"}}"));
        graph.enqueue(Fixtures.jsonResponse(500, "upstream said: Bearer " + ACCESS_TOKEN));
        try (var transport = Fixtures.transport(graph).build()) {
            var send = catchThrowableOfType(
                    ProviderException.class,
                    () -> transport.send(new OutboundMessage("o-1", ANA, new OutboundContent.Text("hi"))));
            var download = catchThrowableOfType(
                    ProviderException.class, () -> transport.download(new MediaRef("123", "audio/ogg")));

            assertThat(send.getMessage()).doesNotContain(ACCESS_TOKEN).contains("[redacted]");
            assertThat(download.getMessage()).doesNotContain(ACCESS_TOKEN).contains("[redacted]");
            assertThat(send.toString()).doesNotContain(ACCESS_TOKEN);
        }
    }

    @Test
    void logsNeverCarryASecret() throws IOException {
        var context = new RecordingTransportContext();
        graph.enqueue(Fixtures.jsonResponse(
                400, "{\"error\":{\"message\":\"bad token " + ACCESS_TOKEN + "\",\"code\":131009}}"));
        try (var transport = Fixtures.transport(graph).build()) {
            transport.start(context);
            var handler = transport.webhookHandler();
            byte[] body = Fixtures.textWebhook("wamid.S1", "hi", 1767225600);
            handler.handle(
                    "GET",
                    Map.of("hub.mode", "subscribe", "hub.challenge", "1", "hub.verify_token", VERIFY_TOKEN),
                    Map.of(),
                    new byte[0]);
            handler.handle(
                    "GET",
                    Map.of("hub.mode", "subscribe", "hub.challenge", "1", "hub.verify_token", "x"),
                    Map.of(),
                    new byte[0]);
            handler.handle("POST", Map.of(), Map.of("X-Hub-Signature-256", "sha256=00"), body);
            Fixtures.post(transport, body);
            Fixtures.post(transport, "{not json".getBytes(StandardCharsets.UTF_8));
            transport.typing(ANA);
        }

        assertThat(LOG).exists();
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).contains("the typing indicator failed").contains("rejected a webhook request with 401");
        assertThat(log).doesNotContain(ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN);
    }
}
