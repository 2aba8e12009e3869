package dev.zupa.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/** Test payloads from {@code src/test/resources/vectors/openai/} and checks of the requests the adapter sent. */
final class Vectors {
    static final String KEY = "sk-test-Zu9aKey0000abcd";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Vectors() {}

    static String text(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/openai/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/openai/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse jsonResponse(int code, String vector) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .setHeader("x-request-id", "req_" + code)
                .body(text(vector))
                .build();
    }

    static MockResponse sseResponse(String body) {
        return new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream; charset=utf-8")
                .setHeader("x-request-id", "req_stream")
                .body(body)
                .build();
    }

    static MockResponse audioResponse(String vector) {
        return new MockResponse.Builder()
                .setHeader("Content-Type", "application/octet-stream")
                .setHeader("x-request-id", "req_audio")
                .body(new Buffer().write(bytes(vector)))
                .build();
    }

    /** Checks method, path and bearer header of a request. */
    static void assertPost(RecordedRequest request, String path) {
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo(path);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    /** Checks method, path and bearer header of a chat request and returns its JSON body. */
    static JsonNode assertChatRequest(RecordedRequest request, String path) {
        return assertJsonPost(request, path);
    }

    /** Checks method, path, bearer header and JSON content type of a request and returns its body. */
    static JsonNode assertJsonPost(RecordedRequest request, String path) {
        assertPost(request, path);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        var body = request.getBody();
        assertThat(body).isNotNull();
        return json(body.utf8());
    }
}
