package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.testkit.WhatsAppWebStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The real sidecar ({@code node sidecar.js}) on the scripted whatsapp-web.js stand-in {@code fake-wwebjs.js}: a
 * test writes the script, starts a transport, and reads back what the stand-in was asked to do.
 */
final class FakeSidecar implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final RecordingContext context = new RecordingContext();
    private final Path root;
    private final Path state;
    private final Path script;
    private final List<WhatsAppWebTransport> started = new ArrayList<>();

    /**
     * @param root an empty directory
     * @param scriptJson the stand-in's script (see fake-wwebjs.js)
     */
    FakeSidecar(Path root, String scriptJson) {
        this.root = root;
        this.state = root.resolve("state");
        this.script = root.resolve("script.json");
        try {
            Files.createDirectories(state);
            Files.writeString(script, scriptJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A builder for a transport on the stand-in, with short delays. */
    WhatsAppWebTransport.Builder builder() {
        return WhatsAppWebTransport.builder()
                .sidecarDirectory(root.resolve("sidecar"))
                .authDirectory(root.resolve("auth"))
                .clientId("test")
                .chromium(Path.of("/nonexistent/chromium"))
                .restartBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .readyTimeout(Duration.ofSeconds(30))
                .commandTimeout(Duration.ofSeconds(10))
                .shutdownTimeout(Duration.ofSeconds(5))
                .environment(
                        "ZUPA_WWEBJS_MODULE", WhatsAppWebStandIn.writeTo(root).toString())
                .environment("FAKE_WWEBJS_SCRIPT", script.toString())
                .environment("FAKE_WWEBJS_STATE", state.toString());
    }

    /** Builds and starts a transport, closed with this sidecar. */
    WhatsAppWebTransport start(WhatsAppWebTransport.Builder builder) {
        var transport = builder.build();
        started.add(transport);
        transport.start(context);
        return transport;
    }

    WhatsAppWebTransport start() {
        return start(builder());
    }

    /** Every call the stand-in recorded so far. */
    List<JsonNode> calls() {
        var file = state.resolve("calls.jsonl");
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            var lines = Files.readAllLines(file);
            var calls = new ArrayList<JsonNode>();
            for (int i = 0; i < lines.size(); i++) {
                try {
                    calls.add(JSON.readTree(lines.get(i)));
                } catch (JsonProcessingException e) {
                    // Only the last line may be half written while the stand-in appends to it.
                    if (i < lines.size() - 1) {
                        throw e;
                    }
                }
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> calls(String method) {
        return calls().stream()
                .filter(call -> call.path("method").asText().equals(method))
                .toList();
    }

    /** Waits for the stand-in to record a call: calls the JVM does not wait for (typing) land a little later. */
    JsonNode awaitCall(String method) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            var matching = calls(method);
            if (!matching.isEmpty()) {
                return matching.getFirst();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return fail("the stand-in recorded no call to " + method + " within 15 s; calls: " + calls());
    }

    /** How often the sidecar was started. */
    int runs() {
        try {
            var file = state.resolve("runs");
            return Files.exists(file) ? Integer.parseInt(Files.readString(file).strip()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public void close() {
        started.forEach(WhatsAppWebTransport::close);
    }

    static Path resource(String name) {
        try {
            var url = FakeSidecar.class.getResource(name);
            if (url == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
