package dev.zupa.adapters.whatsappcloud.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps one {@code value.messages[]} element to an {@link InboundMessage}. The sender is {@code from}; for users who
 * adopted a username and hide their phone number it falls back to the business-scoped user id ({@code
 * from_user_id}, or the only contact's {@code user_id}), so that such conversations still have a stable key.
 */
public final class InboundMapper {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final String transport;
    private final Clock clock;

    /**
     * A mapper.
     *
     * @param transport the transport name the messages carry
     * @param clock the clock used when a message has no usable timestamp
     */
    public InboundMapper(String transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    /**
     * Maps a message.
     *
     * @param message the {@code messages[]} element
     * @param contacts the {@code value.contacts[]} array, possibly missing
     * @return the message, or empty when it has no id or no sender (logged by the caller)
     */
    public Optional<WebhookItem.Inbound> map(JsonNode message, @Nullable JsonNode contacts) {
        String id = Json.text(message, "id");
        var names = Contacts.of(contacts);
        String from = sender(message, names);
        if (id == null || from == null) {
            return Optional.empty();
        }
        String type = Optional.ofNullable(Json.text(message, "type")).orElse("unknown");
        Instant at = timestamp(message, clock);
        var inbound =
                switch (type) {
                    case "text" -> message(id, from, textBody(message), ContentType.TEXT, null, at);
                    case "audio" -> audio(id, from, message.get("audio"), at);
                    case "image" -> image(id, from, message.get("image"), at);
                    case "interactive" -> interactive(id, from, message.get("interactive"), at);
                    case "button" -> choice(id, from, message.get("button"), "text", "payload", at);
                    default -> message(id, from, "", ContentType.UNSUPPORTED, null, at);
                };
        String name = names.nameOf(from);
        return Optional.of(new WebhookItem.Inbound(name == null ? inbound : inbound.withSenderName(name), type));
    }

    /**
     * The payload's unix seconds (a string, sometimes a number) as an instant.
     *
     * @param node the object with a {@code timestamp}
     * @param clock the fallback when it is missing or not a number
     * @return the instant; never null
     */
    public static Instant timestamp(JsonNode node, Clock clock) {
        String text = Json.text(node, "timestamp");
        if (text != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(text.trim()));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return clock.instant();
            }
        }
        return clock.instant();
    }

    private static @Nullable String sender(JsonNode message, Contacts contacts) {
        String from = Json.text(message, "from");
        if (from == null) {
            from = Json.text(message, "from_user_id");
        }
        return from != null ? from : contacts.onlyAddress();
    }

    private static String textBody(JsonNode message) {
        var text = message.get("text");
        String body = text == null ? null : text.path("body").asText(null);
        return body == null ? "" : body;
    }

    private InboundMessage audio(String id, String from, @Nullable JsonNode audio, Instant at) {
        String mediaId = Json.text(audio, "id");
        if (mediaId == null) {
            return message(id, from, "", ContentType.UNSUPPORTED, null, at);
        }
        boolean voice = audio != null && audio.path("voice").asBoolean(false);
        var ref = new MediaRef(mediaId, mimeType(audio));
        return message(id, from, "", voice ? ContentType.VOICE : ContentType.AUDIO, ref, at);
    }

    private InboundMessage image(String id, String from, @Nullable JsonNode image, Instant at) {
        String mediaId = Json.text(image, "id");
        String caption = image == null ? "" : image.path("caption").asText("");
        var ref = mediaId == null ? null : new MediaRef(mediaId, mimeType(image));
        return message(id, from, caption, ContentType.IMAGE, ref, at);
    }

    private InboundMessage interactive(String id, String from, @Nullable JsonNode interactive, Instant at) {
        String kind = Json.text(interactive, "type");
        if (interactive == null || kind == null || !(kind.equals("button_reply") || kind.equals("list_reply"))) {
            return message(id, from, "", ContentType.UNSUPPORTED, null, at);
        }
        return choice(id, from, interactive.get(kind), "title", "id", at);
    }

    /** A chosen option: its title, and its id in brackets when that says something the title does not. */
    private InboundMessage choice(
            String id, String from, @Nullable JsonNode reply, String titleField, String idField, Instant at) {
        String title = Json.text(reply, titleField);
        String optionId = Json.text(reply, idField);
        if (title == null && optionId == null) {
            return message(id, from, "", ContentType.UNSUPPORTED, null, at);
        }
        String text = title == null
                ? "[" + optionId + "]"
                : optionId == null || optionId.equals(title) ? title : title + " [" + optionId + "]";
        return message(id, from, text, ContentType.INTERACTIVE, null, at);
    }

    private InboundMessage message(
            String id, String from, String text, ContentType type, @Nullable MediaRef media, Instant at) {
        return new InboundMessage(transport, id, from, text, type, Optional.ofNullable(media), Optional.empty(), at);
    }

    private static String mimeType(@Nullable JsonNode media) {
        String type = Json.text(media, "mime_type");
        return type == null ? OCTET_STREAM : type;
    }

    /**
     * The {@code contacts[]} of a change: display names by phone number and by business-scoped user id.
     *
     * @param names the names by address
     * @param onlyAddress the address of the only contact, when there is exactly one
     * @param onlyName the name of the only contact, when there is exactly one
     */
    private record Contacts(
            Map<String, String> names,
            @Nullable String onlyAddress,
            @Nullable String onlyName) {
        static Contacts of(@Nullable JsonNode contacts) {
            var names = new HashMap<String, String>();
            String address = null;
            String name = null;
            int count = 0;
            if (contacts != null && contacts.isArray()) {
                for (var contact : contacts) {
                    count++;
                    String waId = Json.text(contact, "wa_id");
                    String userId = Json.text(contact, "user_id");
                    var profile = contact.get("profile");
                    name = Json.text(profile, "name");
                    if (name == null) {
                        name = Json.text(profile, "username");
                    }
                    address = waId != null ? waId : userId;
                    if (name != null && waId != null) {
                        names.put(waId, name);
                    }
                    if (name != null && userId != null) {
                        names.put(userId, name);
                    }
                }
            }
            return count == 1 ? new Contacts(names, address, name) : new Contacts(names, null, null);
        }

        @Nullable
        String nameOf(String address) {
            String name = names.get(address);
            return name != null ? name : onlyName;
        }
    }
}
