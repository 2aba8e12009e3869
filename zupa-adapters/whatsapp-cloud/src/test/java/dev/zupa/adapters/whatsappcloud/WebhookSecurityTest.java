package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.sign;
import static dev.zupa.adapters.whatsappcloud.Fixtures.textWebhook;
import static dev.zupa.adapters.whatsappcloud.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.whatsappcloud.internal.WebhookSignature;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * POSTs over real HTTP to the standalone listener: signature (PROVIDERS.md section 6.3 case 2), size limit,
 * malformed JSON, a failing store, and what the listener answers around its lifecycle.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebhookSecurityTest {
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
    void signatureValidVectorIsDeliveredBeforeThe200() {
        byte[] body = vector("text-example-a.json");

        var response = client.post(body, "sha256=ebde4128132fd38d90268b90a7a5ce26dbe9ce0f80fce4409d4fe3f574652a47");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(context.deliveredIds()).containsExactly("wamid.TEST0001");
        assertThat(context.delivered.get(0).text()).isEqualTo("Hola, ¿qué tal?");
    }

    @Test
    void signatureOfTheReserialisedBodyIsRejected() {
        byte[] body = vector("text-example-a.json");
        byte[] decoded = new String(body, StandardCharsets.US_ASCII)
                .replace("\\u00bf", "¿")
                .replace("\\u00e9", "é")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(client.post(body, sign(decoded)).statusCode()).isEqualTo(401);
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void signatureMissingHeaderIsRejected() {
        assertThat(client.post(vector("text-example-a.json"), null).statusCode())
                .isEqualTo(401);
        assertThat(context.delivered).isEmpty();
        assertThat(context.events(dev.zupa.core.transport.TransportEvent.DeliveryStatus.class))
                .isEmpty();
    }

    @Test
    void signatureWrongPrefixIsRejected() {
        byte[] body = vector("text-example-a.json");
        String hex = sign(body).substring("sha256=".length());

        assertThat(client.post(body, hex).statusCode()).isEqualTo(401);
        assertThat(client.post(body, "sha1=" + hex).statusCode()).isEqualTo(401);
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void signatureUppercaseHexIsRejected() {
        byte[] body = vector("text-example-a.json");
        String upper = "sha256=" + sign(body).substring(7).toUpperCase(Locale.ROOT);

        assertThat(client.post(body, upper).statusCode()).isEqualTo(401);
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void signatureWithTheWrongSecretIsRejected() {
        byte[] body = vector("text-example-a.json");

        assertThat(client.post(body, new WebhookSignature("not_the_app_secret").sign(body))
                        .statusCode())
                .isEqualTo(401);
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void forgedWebhookIsRejectedAndNothingIsDelivered() {
        byte[] genuine = textWebhook("wamid.REAL", "hello", 1767225600);
        byte[] forged = textWebhook("wamid.FORGED", "transfer all the money", 1767225600);

        var response = client.post(forged, sign(genuine));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void fiveMegabyteBodyIsRefusedAndTheServerServesTheNextRequest() {
        byte[] huge = new byte[5 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');

        var withLength = client.post(huge, sign(huge));
        var chunked = client.postChunked(huge, sign(huge));
        var next = client.signedPost(textWebhook("wamid.AFTER", "still there?", 1767225600));

        assertThat(withLength.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(context.deliveredIds()).containsExactly("wamid.AFTER");
    }

    @Test
    void oversizedBodyIsReadAtMostOneByteBeyondTheLimit() {
        var handler = transport.webhookHandler();
        var read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'x';
            }
        };

        var answer = handler.handle("POST", Map.of(), Map.of(), endless);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(read.get()).isEqualTo(handler.maxBodyBytes() + 1L);
        assertThat(handler.maxBodyBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedWithoutReading() {
        var body = new ByteArrayInputStream(new byte[10]);

        var answer = transport.webhookHandler().handle("POST", Map.of(), Map.of("content-length", "5000000"), body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(body.available()).isEqualTo(10);
    }

    @Test
    void malformedJsonIsBadRequest() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[".getBytes(StandardCharsets.UTF_8);
        byte[] notAnObject = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        byte[] trailing = "{} {}".getBytes(StandardCharsets.UTF_8);

        assertThat(client.post(body, sign(body)).statusCode()).isEqualTo(400);
        assertThat(client.post(notAnObject, sign(notAnObject)).statusCode()).isEqualTo(400);
        assertThat(client.post(trailing, sign(trailing)).statusCode()).isEqualTo(400);
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void deliverThrowingAnswers500SoThatMetaRedelivers() {
        byte[] body = textWebhook("wamid.RETRY", "hello", 1767225600);
        context.failNextDeliveries(1);

        var first = client.signedPost(body);
        var redelivery = client.signedPost(body);

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(redelivery.statusCode()).isEqualTo(200);
        assertThat(context.deliveredIds()).containsExactly("wamid.RETRY");
    }

    @Test
    void otherMethodsAreNotAllowed() {
        var put = client.send(
                HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                + transport.listenerAddress().orElseThrow().getPort() + "/webhook"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{}")),
                null);

        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void closedTransportAnswers503AndReleasesThePort() {
        byte[] body = textWebhook("wamid.LATE", "hello", 1767225600);
        var handler = transport.webhookHandler();

        transport.close();

        assertThat(handler.handle("POST", Map.of(), Fixtures.signed(body), body).status())
                .isEqualTo(503);
        assertThat(transport.listenerAddress()).isEmpty();
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void unstartedTransportAnswers503() {
        byte[] body = textWebhook("wamid.EARLY", "hello", 1767225600);
        try (var unstarted = Fixtures.transport().build()) {
            assertThat(Fixtures.post(unstarted, body).status()).isEqualTo(503);
        }
    }
}
