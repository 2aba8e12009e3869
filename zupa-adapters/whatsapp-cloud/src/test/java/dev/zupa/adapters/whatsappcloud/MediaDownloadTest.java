package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.ACCESS_TOKEN;
import static dev.zupa.adapters.whatsappcloud.Fixtures.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.transport.MediaRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Media download (PROVIDERS.md section 3.6) and section 6.3 case 7. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MediaDownloadTest {
    private static final byte[] VOICE = "OggS\0a recorded voice note".getBytes(StandardCharsets.ISO_8859_1);
    private static final MediaRef REF = new MediaRef("1234567890123456", "audio/ogg; codecs=opus");

    @StartStop
    final MockWebServer graph = new MockWebServer();

    private final RecordingTransportContext context = new RecordingTransportContext();
    private WhatsAppCloudTransport transport;

    @BeforeEach
    void start() {
        transport = Fixtures.transport(graph).build();
        transport.start(context);
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    private MockResponse metadata(String path, String sha256, Object fileSize) {
        String size = fileSize instanceof String s ? "\"" + s + "\"" : String.valueOf(fileSize);
        return jsonResponse(
                200,
                "{\"messaging_product\":\"whatsapp\",\"url\":\"" + graph.url(path) + "\",\"mime_type\":\"audio/ogg\","
                        + "\"sha256\":\"" + sha256 + "\",\"file_size\":" + size + ",\"id\":\"" + REF.id() + "\"}");
    }

    private static MockResponse media(byte[] bytes) {
        return new MockResponse.Builder()
                .setHeader("Content-Type", "audio/ogg")
                .body(new okio.Buffer().write(bytes))
                .build();
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("").build();
    }

    private static String hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static void assertBearerGet(RecordedRequest request, String path) {
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo(path);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
    }

    @Test
    void voiceNoteFromTheWebhookIsDownloadedWithTheBearerToken() throws Exception {
        Fixtures.post(transport, Fixtures.vector("voice-note.json"));
        var ref = context.delivered.get(0).media().orElseThrow();
        graph.enqueue(metadata("/whatsapp_business/attachments/", hex(VOICE), VOICE.length));
        graph.enqueue(media(VOICE));

        var clip = transport.download(ref);

        assertThat(clip.data()).isEqualTo(VOICE);
        assertThat(clip.mimeType()).isEqualTo("audio/ogg; codecs=opus");
        assertBearerGet(graph.takeRequest(), "/v25.0/1234567890123456");
        assertBearerGet(graph.takeRequest(), "/whatsapp_business/attachments/");
    }

    @Test
    void base64HashAndStringFileSizeAreAccepted() throws Exception {
        String base64 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(VOICE));
        graph.enqueue(metadata("/media/1", base64, String.valueOf(VOICE.length)));
        graph.enqueue(media(VOICE));

        assertThat(transport.download(REF).data()).isEqualTo(VOICE);
    }

    @Test
    void expiredUrlIsFetchedAgainOnce() throws Exception {
        graph.enqueue(metadata("/media/old", hex(VOICE), VOICE.length));
        graph.enqueue(status(404));
        graph.enqueue(metadata("/media/fresh", hex(VOICE), VOICE.length));
        graph.enqueue(media(VOICE));

        assertThat(transport.download(REF).data()).isEqualTo(VOICE);

        assertBearerGet(graph.takeRequest(), "/v25.0/1234567890123456");
        assertBearerGet(graph.takeRequest(), "/media/old");
        assertBearerGet(graph.takeRequest(), "/v25.0/1234567890123456");
        assertBearerGet(graph.takeRequest(), "/media/fresh");
    }

    @Test
    void unauthorizedDownloadIsFetchedAgainOnce() throws Exception {
        graph.enqueue(metadata("/media/old", hex(VOICE), VOICE.length));
        graph.enqueue(status(401));
        graph.enqueue(metadata("/media/fresh", hex(VOICE), VOICE.length));
        graph.enqueue(media(VOICE));

        assertThat(transport.download(REF).data()).isEqualTo(VOICE);
        assertThat(graph.getRequestCount()).isEqualTo(4);
    }

    @Test
    void expiredTwiceFailsWithoutAThirdAttempt() throws Exception {
        graph.enqueue(metadata("/media/old", hex(VOICE), VOICE.length));
        graph.enqueue(status(404));
        graph.enqueue(metadata("/media/fresh", hex(VOICE), VOICE.length));
        graph.enqueue(status(404));

        assertThatThrownBy(() -> transport.download(REF))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                .hasMessageContaining("HTTP 404 twice");
        assertThat(graph.getRequestCount()).isEqualTo(4);
    }

    @Test
    void sha256MismatchIsRejected() throws Exception {
        graph.enqueue(metadata("/media/1", hex("something else".getBytes(StandardCharsets.UTF_8)), VOICE.length));
        graph.enqueue(media(VOICE));

        assertThatThrownBy(() -> transport.download(REF))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderErrorKind.INVALID_RESPONSE);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("does not match its sha256");
    }

    @Test
    void mediaOver16MegabytesIsRefusedBeforeDownloading() {
        graph.enqueue(metadata("/media/big", "00", 17 * 1024 * 1024));

        assertThatThrownBy(() -> transport.download(REF))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                .hasMessageContaining("more than the 16777216 accepted");
        assertThat(graph.getRequestCount()).isEqualTo(1);
    }

    @Test
    void plainHttpUrlOnAnotherHostNeverGetsTheToken() {
        graph.enqueue(jsonResponse(
                200, "{\"url\":\"http://attacker.invalid/steal\",\"mime_type\":\"audio/ogg\",\"id\":\"1\"}"));

        assertThatThrownBy(() -> transport.download(REF))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                .hasMessageContaining("neither https nor on the Graph API host");
        assertThat(graph.getRequestCount()).isEqualTo(1);
    }

    @Test
    void metadataErrorsAreMappedByCode() {
        graph.enqueue(jsonResponse(
                400,
                "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100}}"));

        assertThatThrownBy(() -> transport.download(REF)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
            assertThat(e.code()).contains("100");
        });
    }

    @Test
    void emptyMediaIsInvalid() throws Exception {
        graph.enqueue(metadata("/media/empty", hex(new byte[0]), 0));
        graph.enqueue(media(new byte[0]));

        assertThatThrownBy(() -> transport.download(REF))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind())
                        .isEqualTo(ProviderErrorKind.INVALID_RESPONSE));
    }
}
