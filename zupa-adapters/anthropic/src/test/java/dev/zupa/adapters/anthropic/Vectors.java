package dev.zupa.adapters.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Test payloads from {@code src/test/resources/vectors/anthropic/} and checks of the requests the adapter sent. */
final class Vectors {
    static final String KEY = "sk-ant-api03-Zu9aTestKey0000-abcd";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Vectors() {}

    static String text(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/anthropic/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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

    static AnthropicChatModel model(MockWebServer server) {
        return AnthropicChatModel.builder()
                .apiKey(KEY)
                .baseUrl(server.url("/v1").toString())
                .build();
    }

    static MockResponse jsonResponse(int code, String vector) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .setHeader("request-id", "req_" + code)
                .body(text(vector))
                .build();
    }

    static MockResponse sseResponse(String body) {
        return new MockResponse.Builder()
                .setHeader("Content-Type", "text/event-stream; charset=utf-8")
                .setHeader("request-id", "req_stream")
                .body(body)
                .build();
    }

    /**
     * Checks method, path and the Anthropic headers of a Messages request and returns its JSON body.
     */
    static JsonNode assertMessagesRequest(RecordedRequest request) {
        return assertMessagesRequest(request, "/v1/messages");
    }

    static JsonNode assertMessagesRequest(RecordedRequest request, String path) {
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo(path);
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        var body = request.getBody();
        assertThat(body).isNotNull();
        return json(body.utf8());
    }
}
