package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Decides which WhatsApp Web messages reach Zupa, and how. */
public final class InboundMapper {
    /** WhatsApp's own notices: nobody wrote them, so the agent must neither see nor acknowledge them. */
    private static final Set<String> SYSTEM_TYPES = Set.of(
            "e2e_notification",
            "notification",
            "notification_template",
            "gp2",
            "group_notification",
            "broadcast_notification",
            "call_log",
            "ciphertext",
            "protocol",
            "debug",
            "revoked");

    private final String transport;
    private final Clock clock;

    /**
     * Creates a mapper.
     *
     * @param transport the transport name for the messages
     * @param clock the time of messages that carry no timestamp
     */
    public InboundMapper(String transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    /**
     * The inbound message for a WhatsApp Web message.
     *
     * @param message what the sidecar reported
     * @return the message to deliver, or empty for own messages, group and broadcast chats, and WhatsApp notices
     */
    public Optional<InboundMessage> map(WebMessage message) {
        if (message.fromMe() || SYSTEM_TYPES.contains(message.type()) || !personal(message.from())) {
            return Optional.empty();
        }
        var receivedAt = message.timestamp() > 0 ? Instant.ofEpochSecond(message.timestamp()) : Instant.now(clock);
        var type =
                switch (message.type()) {
                    case "chat" -> ContentType.TEXT;
                    case "ptt" -> ContentType.VOICE;
                    case "audio" -> ContentType.AUDIO;
                    default -> ContentType.UNSUPPORTED;
                };
        var media = type.isAudio() ? Optional.of(mediaRef(message, type)) : Optional.<MediaRef>empty();
        var text = type.isAudio() ? "" : message.body();
        return Optional.of(new InboundMessage(
                transport,
                message.id(),
                Addresses.sender(message),
                text,
                type,
                media,
                message.notifyName(),
                receivedAt));
    }

    private static MediaRef mediaRef(WebMessage message, ContentType type) {
        var mimeType = message.media()
                .map(clip -> clip.mimeType())
                .orElse(type == ContentType.VOICE ? Outbound.VOICE_NOTE_TYPE : "application/octet-stream");
        return new MediaRef(message.id(), mimeType);
    }

    /** One-to-one chats only: an agent answering every message of a group or a status broadcast would be spam. */
    private static boolean personal(String chatId) {
        return chatId.endsWith("@c.us") || chatId.endsWith("@lid") || chatId.endsWith("@s.whatsapp.net");
    }
}
