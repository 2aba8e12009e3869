package dev.zupa.examples.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.adapters.whatsappweb.WhatsAppWebTransport;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.testkit.WhatsAppWebStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The real sidecar ({@code node sidecar.js}) on the scripted whatsapp-web.js stand-in, {@code whatsapp/fake-wwebjs.js}
 * (a copy of the adapter's test resource, which is not on this module's class path): the stand-in plays WhatsApp
 * Web's events from a script and records every call the sidecar makes to it, so a test needs no WhatsApp, puppeteer
 * or Chromium, only Node.js.
 */
final class StandInSidecar {
    static final String ANA_CHAT = "5215512345678@c.us";
    static final String ANA = "5215512345678";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path script;
    private final Path state;
    private final ObjectNode plan = JSON.createObjectNode();
    private final ArrayNode steps;

    /** A stand-in whose WhatsApp Web plays the steps added here, in order, after the sidecar starts it. */
    StandInSidecar(Path root) {
        this.root = root;
        this.script = root.resolve("script.json");
        this.state = root.resolve("state");
        this.steps = plan.putArray("runs").addObject().putArray("steps");
    }

    /** A client event such as {@code ready}, or {@code qr} with the code's payload. */
    StandInSidecar emit(String event, String... args) {
        var step = steps.addObject().put("emit", event);
        var array = step.putArray("args");
        for (var arg : args) {
            array.add(arg);
        }
        return this;
    }

    /** A text from Ana. */
    StandInSidecar text(String id, String body) {
        message(id, "chat").put("body", body);
        return this;
    }

    /** A voice note ({@code ptt}) from Ana, its audio downloaded by the sidecar as it arrives. */
    StandInSidecar voiceNote(String id, AudioClip clip) {
        message(id, "ptt")
                .put("hasMedia", true)
                .putObject("media")
                .put("mimetype", clip.mimeType())
                .put("data", Base64.getEncoder().encodeToString(clip.data()));
        return this;
    }

    /** Writes the script and returns a transport builder on the stand-in, with short restart delays. */
    WhatsAppWebTransport.Builder builder() {
        try {
            Files.createDirectories(state);
            JSON.writeValue(script.toFile(), plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return WhatsAppWebTransport.builder()
                .sidecarDirectory(root.resolve("sidecar"))
                .authDirectory(root.resolve("auth"))
                .clientId("examples")
                .chromium(Path.of("/nonexistent/chromium"))
                .restartBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .commandTimeout(Duration.ofSeconds(10))
                .shutdownTimeout(Duration.ofSeconds(5))
                .environment(
                        "ZUPA_WWEBJS_MODULE", WhatsAppWebStandIn.writeTo(root).toString())
                .environment("FAKE_WWEBJS_SCRIPT", script.toString())
                .environment("FAKE_WWEBJS_STATE", state.toString());
    }

    /**
     * The stand-in's {@code sendMessage} calls so far, each {@code [chatId, content, options]}. The stand-in
     * records a call before it returns, so once the transport's send has returned its call is here.
     */
    List<JsonNode> sends() {
        var file = state.resolve("calls.jsonl");
        var sends = new ArrayList<JsonNode>();
        try {
            if (Files.exists(file)) {
                for (var line : Files.readAllLines(file)) {
                    var call = JSON.readTree(line);
                    if (call.path("method").asText().equals("sendMessage")) {
                        sends.add(call.path("args"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sends;
    }

    private ObjectNode message(String id, String type) {
        return steps.addObject()
                .putObject("message")
                .put("id", id)
                .put("from", ANA_CHAT)
                .put("type", type)
                .put("timestamp", Instant.now().getEpochSecond())
                .put("notifyName", "Ana");
    }
}
