package dev.zupa.examples.whatsapp;

import dev.zupa.adapters.whatsappcloud.WhatsAppCloudTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's side of the Cloud API for tests: fake credentials, webhook payloads as Meta sends them, signed with the app
 * secret ({@code X-Hub-Signature-256}), and posted over real HTTP to a transport's standalone listener.
 */
final class CloudFixtures {
    static final String ACCESS_TOKEN = "EAAzupaExampleAccessToken0123456789";
    static final String APP_SECRET = "zupa_example_app_secret";
    static final String VERIFY_TOKEN = "zupa-example-verify";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String ANA = "5215512345678";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private CloudFixtures() {}

    /** A transport on the fake Graph API whose listener takes any free port on the loopback interface. */
    static WhatsAppCloudTransport.Builder transport(String graphUrl) {
        return WhatsAppCloudTransport.builder()
                .accessToken(ACCESS_TOKEN)
                .appSecret(APP_SECRET)
                .verifyToken(VERIFY_TOKEN)
                .phoneNumberId(PHONE_NUMBER_ID)
                .graphBaseUrl(graphUrl)
                .listenHost("127.0.0.1")
                .listenPort(0);
    }

    /** The environment the demo reads, pointed at the fake Graph API. */
    static Map<String, String> environment(String graphUrl) {
        return Map.of(
                WhatsAppCloudDemo.ACCESS_TOKEN, ACCESS_TOKEN,
                WhatsAppCloudDemo.APP_SECRET, APP_SECRET,
                WhatsAppCloudDemo.VERIFY_TOKEN, VERIFY_TOKEN,
                WhatsAppCloudDemo.PHONE_NUMBER_ID, PHONE_NUMBER_ID,
                WhatsAppCloudDemo.GRAPH_URL, graphUrl);
    }

    /** A text from Ana, as Meta's webhook carries it. */
    static byte[] textWebhook(String wamid, String text) {
        return webhook(wamid, "\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}");
    }

    /** A recorded voice note from Ana: only the media id travels; the audio is downloaded from the Graph API. */
    static byte[] voiceWebhook(String wamid, String mediaId) {
        return webhook(
                wamid,
                "\"type\":\"audio\",\"audio\":{\"mime_type\":\"audio/ogg; codecs=opus\",\"sha256\":\"ignored\","
                        + "\"id\":\"" + mediaId + "\",\"voice\":true}");
    }

    /** Posts a webhook signed with the app secret, as Meta does, and returns the listener's answer. */
    static HttpResponse<String> post(int port, byte[] body) {
        var request = HttpRequest.newBuilder(endpoint(port, ""))
                .header("X-Hub-Signature-256", sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request);
    }

    /** The verification handshake Meta makes when the callback URL is saved. */
    static HttpResponse<String> verify(int port, String challenge) {
        var query = "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=" + challenge;
        return send(HttpRequest.newBuilder(endpoint(port, query)).GET());
    }

    static String sign(byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] webhook(String wamid, String content) {
        // the payload's timestamp becomes the message's receivedAt: a live message is a few seconds old
        long now = Instant.now().getEpochSecond();
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                        + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                        + "\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\""
                        + PHONE_NUMBER_ID + "\"},"
                        + "\"contacts\":[{\"profile\":{\"name\":\"Ana Ruiz\"},\"wa_id\":\"" + ANA + "\"}],"
                        + "\"messages\":[{\"from\":\"" + ANA + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + now
                        + "\"," + content + "}]}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static URI endpoint(int port, String query) {
        return URI.create("http://127.0.0.1:" + port + WhatsAppCloudTransport.DEFAULT_LISTEN_PATH + query);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
