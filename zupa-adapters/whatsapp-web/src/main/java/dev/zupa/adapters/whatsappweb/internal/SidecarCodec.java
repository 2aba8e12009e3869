package dev.zupa.adapters.whatsappweb.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.speech.AudioClip;
import java.util.Base64;
import java.util.Optional;

/** Reads the sidecar's event lines and writes its command lines (line-delimited JSON, one object a line). */
public final class SidecarCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SidecarCodec() {}

    /**
     * Parses one line of the sidecar's output.
     *
     * @param line the line, without its line break
     * @return the event, or empty for an event this version does not know (a newer sidecar)
     * @throws IllegalArgumentException when the line is not a JSON object with the fields its event needs
     */
    public static Optional<SidecarEvent> decode(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        var event = required(node, "event");
        return Optional.ofNullable(
                switch (event) {
                    case "qr" -> new SidecarEvent.Qr(required(node, "qr"));
                    case "authenticated" -> new SidecarEvent.Authenticated();
                    case "auth_failure" -> new SidecarEvent.AuthFailure(text(node, "message"));
                    case "ready" -> new SidecarEvent.Ready();
                    case "disconnected" -> new SidecarEvent.Disconnected(text(node, "reason"));
                    case "message" -> new SidecarEvent.Message(message(node.path("message")));
                    case "message_ack" -> ack(node);
                    case "fatal" -> new SidecarEvent.Fatal(text(node, "error"));
                    case "reply" -> reply(node);
                    default -> null;
                });
    }

    /**
     * Writes a command as one line.
     *
     * @param id the request id the reply will carry
     * @param command the command
     * @return the JSON, without a line break
     */
    public static String encode(String id, SidecarCommand command) {
        ObjectNode node = MAPPER.createObjectNode().put("id", id).put("cmd", command.name());
        switch (command) {
            case SidecarCommand.SendText text -> node.put("to", text.to()).put("text", text.text());
            case SidecarCommand.SendVoice voice ->
                node.put("to", voice.to())
                        .put("mimetype", voice.audio().mimeType())
                        .put(
                                "data",
                                Base64.getEncoder().encodeToString(voice.audio().data()))
                        .put("filename", voice.voice() ? "voice.ogg" : "audio")
                        .put("voice", voice.voice());
            case SidecarCommand.DownloadMedia download -> node.put("messageId", download.messageId());
            case SidecarCommand.Typing typing -> node.put("to", typing.to());
            case SidecarCommand.Shutdown shutdown -> {}
        }
        return node.toString();
    }

    /**
     * Reads the media a {@code download_media} reply carries.
     *
     * @param result the reply's result
     * @return the media
     * @throws IllegalArgumentException when the result has no media type or no data
     */
    public static AudioClip media(JsonNode result) {
        var data = Base64.getDecoder().decode(required(result, "data"));
        return new AudioClip(data, required(result, "mimetype"));
    }

    private static SidecarEvent.Reply reply(JsonNode node) {
        var result = node.path("result");
        return new SidecarEvent.Reply(
                required(node, "id"),
                node.path("ok").asBoolean(false),
                result.isObject() ? result : MAPPER.createObjectNode(),
                text(node, "code"),
                text(node, "error"));
    }

    private static SidecarEvent.MessageAck ack(JsonNode node) {
        var ack = node.path("ack");
        // An ack that is not a whole number cannot be mapped; better skipped as malformed than read as 0 (pending).
        if (!ack.isIntegralNumber() || !ack.canConvertToInt()) {
            throw new IllegalArgumentException("a message_ack event needs an integer 'ack'");
        }
        return new SidecarEvent.MessageAck(required(node, "id"), optional(node, "to"), ack.intValue());
    }

    private static WebMessage message(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a message event needs a message object");
        }
        var media = node.path("media");
        Optional<AudioClip> clip = Optional.empty();
        var mediaError = optional(node, "mediaError");
        if (media.isObject()) {
            var data = Base64.getDecoder().decode(text(media, "data"));
            if (data.length > 0) {
                clip = Optional.of(new AudioClip(data, required(media, "mimetype")));
            } else {
                mediaError = Optional.of("the media was empty");
            }
        }
        return new WebMessage(
                required(node, "id"),
                required(node, "from"),
                optional(node, "author"),
                optional(node, "phone"),
                required(node, "type"),
                text(node, "body"),
                node.path("timestamp").asLong(0),
                node.path("hasMedia").asBoolean(false),
                node.path("fromMe").asBoolean(false),
                optional(node, "notifyName"),
                clip,
                mediaError);
    }

    private static String required(JsonNode node, String field) {
        return optional(node, field)
                .orElseThrow(() -> new IllegalArgumentException("missing or empty '" + field + "'"));
    }

    private static Optional<String> optional(JsonNode node, String field) {
        var value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }
}
