package dev.zupa.adapters.whatsappcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.adapters.whatsappcloud.internal.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Fake credentials, payload vectors from {@code src/test/resources/vectors/whatsapp-cloud/}, and signing. */
final class Fixtures {
    static final String ACCESS_TOKEN = "EAAzupaTestAccessToken0123456789abcdef";
    static final String APP_SECRET = "zupa_test_app_secret";
    static final String VERIFY_TOKEN = "zupa-verify-7f3a";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String ANA = "5215512345678";

    /** 2026-01-02T00:00:00Z: the vectors' messages are about a day older. */
    static final Instant NOW = Instant.parse("2026-01-02T00:00:00Z");

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final WebhookSignature SIGNER = new WebhookSignature(APP_SECRET);

    private Fixtures() {}

    /** A transport with the fake credentials; pass {@code null} for no Graph API. */
    static WhatsAppCloudTransport.Builder transport(MockWebServer graph) {
        return WhatsAppCloudTransport.builder()
                .accessToken(ACCESS_TOKEN)
                .appSecret(APP_SECRET)
                .verifyToken(VERIFY_TOKEN)
                .phoneNumberId(PHONE_NUMBER_ID)
                .graphBaseUrl(graph.url("/").toString())
                .clock(CLOCK);
    }

    /** A transport whose Graph API is unreachable, for webhook-only tests. */
    static WhatsAppCloudTransport.Builder transport() {
        return WhatsAppCloudTransport.builder()
                .accessToken(ACCESS_TOKEN)
                .appSecret(APP_SECRET)
                .verifyToken(VERIFY_TOKEN)
                .phoneNumberId(PHONE_NUMBER_ID)
                .graphBaseUrl("http://127.0.0.1:9/")
                .clock(CLOCK);
    }

    static byte[] vector(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/vectors/whatsapp-cloud/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(vector(name), StandardCharsets.UTF_8);
    }

    static String sign(byte[] body) {
        return SIGNER.sign(body);
    }

    static Map<String, String> signed(byte[] body) {
        return Map.of("X-Hub-Signature-256", sign(body));
    }

    /** POSTs a signed body straight into a transport's handler. */
    static WebhookResponse post(WhatsAppCloudTransport transport, byte[] body) {
        return transport.webhookHandler().handle("POST", Map.of(), signed(body), body);
    }

    /** A one-message text webhook from Ana. */
    static byte[] textWebhook(String wamid, String body, long timestamp) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                        + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                        + "\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\""
                        + PHONE_NUMBER_ID
                        + "\"},\"contacts\":[{\"profile\":{\"name\":\"Ana Ruiz\"},\"wa_id\":\"" + ANA + "\"}],"
                        + "\"messages\":[{\"from\":\"" + ANA + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                        + timestamp + "\",\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}]}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A one-status webhook. */
    static byte[] statusWebhook(String wamid, String status, long timestamp) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                        + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                        + "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                        + timestamp + "\",\"recipient_id\":\"" + ANA + "\"}]}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse jsonResponse(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    static MockResponse sent(String wamid) {
        return jsonResponse(
                200,
                "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + ANA + "\",\"wa_id\":\"" + ANA
                        + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}");
    }

    /** Checks method, path and bearer token of a Graph request and returns its JSON body. */
    static JsonNode assertGraphJson(RecordedRequest request, String path) {
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo(path);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getBody()).isNotNull();
        return json(request.getBody().utf8());
    }
}
