package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.ANA;
import static dev.zupa.adapters.whatsappcloud.Fixtures.jsonResponse;
import static dev.zupa.adapters.whatsappcloud.Fixtures.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.TransportEvent;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Send failures through the whole transport: PROVIDERS.md section 6.3 case 8, and 131047 (cases 5 and 6). */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendErrorsTest {
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

    private ProviderException sendFailing(MockResponse response) {
        graph.enqueue(response);
        return catchThrowableOfType(
                ProviderException.class,
                () -> transport.send(new OutboundMessage("outbox-1", ANA, new OutboundContent.Text("hello"))));
    }

    private static MockResponse graphError(int status, int code, String message) {
        return jsonResponse(
                status,
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                        + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"details\"},"
                        + "\"fbtrace_id\":\"AbC\"}}");
    }

    @Test
    void throughputLimitIsTransientWhateverTheHttpStatus() {
        var asBadRequest = sendFailing(jsonResponse(400, Fixtures.text("error-130429.json")));
        var asTooMany = sendFailing(new MockResponse.Builder()
                .code(429)
                .setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", "12")
                .body(Fixtures.text("error-130429.json"))
                .build());

        assertThat(List.of(asBadRequest, asTooMany)).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ProviderErrorKind.RATE_LIMITED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).contains("130429");
            assertThat(e.requestId()).contains("Az8or2yhqkZfEZ-_4Qn_Bam");
        });
        assertThat(asBadRequest.retryAfter()).isEmpty();
        assertThat(asTooMany.retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(graph.getRequestCount()).isEqualTo(2);
    }

    @Test
    void pairRateLimitIsTransientWithMetasPace() {
        var failure = sendFailing(
                graphError(400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"));

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.RATE_LIMITED);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(6));
    }

    @Test
    void expiredAccessTokenIsTerminal() {
        var failure = sendFailing(graphError(401, 190, "Error validating access token: Session has expired"));

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.AUTHENTICATION);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.status()).contains(401);
    }

    @Test
    void invalidParameterIsTerminalWithoutErrorSubcode() {
        var failure = sendFailing(graphError(400, 100, "(#100) Invalid parameter"));

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
        assertThat(failure.code()).contains("100");
        assertThat(failure.getMessage()).contains("(#100) Invalid parameter: details");
    }

    @Test
    void outsideTheWindowReportsReplyWindowClosedThenThrowsTerminal() {
        var failure = sendFailing(graphError(400, 131047, "Re-engagement message"));

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.code()).contains("131047");
        assertThat(context.events(TransportEvent.ReplyWindowClosed.class))
                .containsExactly(new TransportEvent.ReplyWindowClosed(ANA, "outbox-1"));
    }

    @Test
    void lateRetryGetsATemplateInsteadOfAFreeFormReply() throws Exception {
        long twentySixHoursAgo = Fixtures.NOW.minus(Duration.ofHours(26)).getEpochSecond();
        Fixtures.post(transport, Fixtures.textWebhook("wamid.OLD", "still open?", twentySixHoursAgo));
        var late = context.delivered.get(0);
        assertThat(Duration.between(late.receivedAt(), Fixtures.NOW)).isGreaterThan(Duration.ofHours(24));

        var refused = sendFailing(graphError(400, 131047, "Re-engagement message"));
        graph.enqueue(sent("wamid.TPL"));
        var template = transport.sendTemplate(late.from(), "we_are_open", "es_MX", List.of());

        assertThat(refused.code()).contains("131047");
        assertThat(context.events(TransportEvent.ReplyWindowClosed.class)).hasSize(1);
        assertThat(template.transportMessageId()).contains("wamid.TPL");
    }

    @Test
    void aFailingWindowEventStillThrowsTheSendFailure() {
        context.failEvents();

        var failure = sendFailing(graphError(400, 131047, "Re-engagement message"));

        assertThat(failure.code()).contains("131047");
    }

    @Test
    void gatewayErrorWithHtmlIsUnavailable() {
        var failure = sendFailing(new MockResponse.Builder()
                .code(502)
                .setHeader("Content-Type", "text/html")
                .body("<html><body>Bad Gateway</body></html>")
                .build());

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void successWithoutAMessageIdIsAnInvalidResponse() {
        var noId = sendFailing(jsonResponse(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[]}"));
        var notJson = sendFailing(jsonResponse(200, "<html>oops</html>"));

        assertThat(noId.kind()).isEqualTo(ProviderErrorKind.INVALID_RESPONSE);
        assertThat(notJson.kind()).isEqualTo(ProviderErrorKind.INVALID_RESPONSE);
    }

    @Test
    void droppedConnectionIsAConnectionFailureAndNeverSilentlyRetried() throws Exception {
        // OkHttp on its own would repeat the POST on a fresh connection and send the message twice
        assertThat(plainOkHttpRepeatsTheDroppedPost()).isEqualTo(2);
        graph.enqueue(sent("wamid.FIRST"));
        graph.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        graph.enqueue(sent("wamid.DUPLICATE"));
        try (var retrying =
                Fixtures.transport(graph).httpClient(new OkHttpClient()).build()) {
            retrying.start(context);
            var message = new OutboundMessage("outbox-2", ANA, new OutboundContent.Text("hello"));
            int before = graph.getRequestCount();

            var first = retrying.send(message);
            var failure = catchThrowableOfType(ProviderException.class, () -> retrying.send(message));

            assertThat(first.transportMessageId()).contains("wamid.FIRST");
            assertThat(failure.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
            assertThat(failure.retryable()).isTrue();
            assertThat(graph.getRequestCount() - before).isEqualTo(2);
        }
    }

    private int plainOkHttpRepeatsTheDroppedPost() throws Exception {
        graph.enqueue(sent("wamid.WARMUP"));
        graph.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        graph.enqueue(sent("wamid.REPEATED"));
        var client = new OkHttpClient();
        var url = graph.url("/probe");
        var body = okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json"));
        try (var warmup = client.newCall(
                        new okhttp3.Request.Builder().url(url).post(body).build())
                .execute()) {
            assertThat(warmup.code()).isEqualTo(200);
        }
        int before = graph.getRequestCount();
        try (var repeated = client.newCall(
                        new okhttp3.Request.Builder().url(url).post(body).build())
                .execute()) {
            assertThat(repeated.body().string()).contains("wamid.REPEATED");
        }
        for (int i = 0; i < 3; i++) {
            graph.takeRequest();
        }
        return graph.getRequestCount() - before;
    }
}
