package dev.zupa.examples.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.adapters.whatsappcloud.WhatsAppCloudTransport;
import dev.zupa.core.speech.AudioClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * The Graph API on MockWebServer, answering as Meta does: media metadata and downloads for the voice notes a test
 * registers, uploads ({@code POST /media}) with a new media id, and sends ({@code POST /messages}) with a new wamid.
 * Uploads and sends are queued for the test to take; typing indicators (a {@code status} body) are answered and
 * not counted as sends. Every request must carry the access token.
 */
final class FakeGraphApi implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "/" + WhatsAppCloudTransport.DEFAULT_API_VERSION;
    private static final String PHONE = VERSION + "/" + CloudFixtures.PHONE_NUMBER_ID;

    private final MockWebServer server = new MockWebServer();
    private final Map<String, AudioClip> media = new ConcurrentHashMap<>();
    private final BlockingQueue<RecordedRequest> uploads = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> sends = new LinkedBlockingQueue<>();
    private final AtomicInteger sendCount = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    private FakeGraphApi() {}

    static FakeGraphApi start() {
        var graph = new FakeGraphApi();
        graph.server.setDispatcher(graph.new Graph());
        try {
            graph.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** The base URL to give the transport. */
    String url() {
        return server.url("/").toString();
    }

    /** Makes a voice note downloadable under its media id, as Meta keeps a user's media. */
    void media(String id, AudioClip clip) {
        media.put(id, clip);
    }

    /** The next upload, in the order received. */
    RecordedRequest awaitUpload() throws InterruptedException {
        return take(uploads, "upload");
    }

    /** The JSON body of the next message sent, in the order received. */
    JsonNode awaitSend() throws InterruptedException {
        return take(sends, "message send");
    }

    /** How many messages were sent so far, typing indicators not counted. */
    int sendCount() {
        return sendCount.get();
    }

    @Override
    public void close() {
        server.close();
    }

    private static <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
        var next = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the Graph API received no " + what + " within " + WAIT);
        }
        return next;
    }

    private final class Graph extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (!("Bearer " + CloudFixtures.ACCESS_TOKEN)
                    .equals(request.getHeaders().get("Authorization"))) {
                return json(401, "{\"error\":{\"message\":\"Invalid OAuth access token\",\"code\":190}}");
            }
            var path = request.getUrl().encodedPath();
            var method = request.getMethod();
            if ("POST".equals(method) && path.equals(PHONE + "/media")) {
                uploads.add(request);
                return json(200, "{\"id\":\"MEDIA_" + ids.incrementAndGet() + "\"}");
            }
            if ("POST".equals(method) && path.equals(PHONE + "/messages")) {
                return message(request);
            }
            if ("GET".equals(method) && path.startsWith(VERSION + "/")) {
                return metadata(media.get(path.substring(VERSION.length() + 1)), path);
            }
            if ("GET".equals(method) && path.startsWith("/files/")) {
                var clip = media.get(path.substring("/files/".length()));
                if (clip != null) {
                    return new MockResponse.Builder()
                            .setHeader("Content-Type", clip.mimeType())
                            .body(new okio.Buffer().write(clip.data()))
                            .build();
                }
            }
            return json(404, "{\"error\":{\"message\":\"Unknown path " + path + "\",\"code\":100}}");
        }

        private MockResponse message(RecordedRequest request) {
            JsonNode body;
            try {
                body = JSON.readTree(
                        request.getBody() == null ? "" : request.getBody().utf8());
            } catch (IOException e) {
                return json(400, "{\"error\":{\"message\":\"not JSON\",\"code\":100}}");
            }
            if (body.has("status")) {
                return json(200, "{\"success\":true}");
            }
            sendCount.incrementAndGet();
            sends.add(body);
            return json(
                    200,
                    "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + CloudFixtures.ANA
                            + "\",\"wa_id\":\"" + CloudFixtures.ANA + "\"}],\"messages\":[{\"id\":\"wamid.OUT"
                            + ids.incrementAndGet() + "\"}]}");
        }

        private MockResponse metadata(@Nullable AudioClip clip, String path) {
            if (clip == null) {
                return json(404, "{\"error\":{\"message\":\"Unknown media " + path + "\",\"code\":100}}");
            }
            var id = path.substring(VERSION.length() + 1);
            return json(
                    200,
                    "{\"messaging_product\":\"whatsapp\",\"url\":\"" + server.url("/files/" + id) + "\","
                            + "\"mime_type\":\"" + clip.mimeType() + "\",\"sha256\":\"" + sha256(clip.data())
                            + "\",\"file_size\":" + clip.data().length + ",\"id\":\"" + id + "\"}");
        }

        private static MockResponse json(int code, String body) {
            return new MockResponse.Builder()
                    .code(code)
                    .setHeader("Content-Type", "application/json")
                    .body(body)
                    .build();
        }

        private static String sha256(byte[] data) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
