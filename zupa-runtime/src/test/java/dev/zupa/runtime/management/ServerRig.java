package dev.zupa.runtime.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.testkit.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** A scripted agent with a management server on an ephemeral port, and an HTTP client to call it. */
final class ServerRig implements AutoCloseable {
    static final String TOKEN = "s3cret-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    final ScriptedLoad load;
    final ManagementServer server;
    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A plain answer: status, body, and the body as JSON when it is JSON. */
    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    ServerRig() {
        var built = new AtomicReference<ManagementServer>();
        var clock = ManualClock.of(ScriptedLoad.START);
        this.load = new ScriptedLoad(
                CheckpointStore.inMemory(),
                ConversationDirectory.inMemory(),
                "srv-",
                clock,
                // built before the agent starts, so that it sees every event
                agent -> built.set(ManagementServer.builder()
                        .agent(agent)
                        .token(TOKEN)
                        .clock(clock)
                        .build()
                        .start()),
                builder -> {});
        this.server = built.get();
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    Answer get(String path, String token) {
        var request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Answer post(String path, String token, String body) {
        var request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Answer send(HttpRequest request) {
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.close();
        load.close();
        client.close();
    }
}
