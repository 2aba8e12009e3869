package dev.zupa.core.transport;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message a user sent, as a transport received it.
 *
 * <p>{@code (transport, messageId)} is the deduplication key: a redelivery of the same message (a webhook retried,
 * the bridge replaying after a reconnect) carries the same id and is processed once. A transport without native ids
 * must derive a stable one from the message, never a random one.
 *
 * @param transport the transport's name, such as {@code whatsapp-cloud} or {@code console}; never blank
 * @param messageId the transport's id of the message; never blank
 * @param from the sender's address on the transport (a phone number, a chat id); never blank
 * @param text the text, the caption of an image, or the chosen option; empty for a voice note; never null
 * @param type what the message holds; never null
 * @param media the voice note, audio or image to download, when there is one; never null
 * @param senderName the display name the transport knows, when it knows one; never null
 * @param receivedAt when the transport received it; never null
 * @since 0.1
 */
public record InboundMessage(
        String transport,
        String messageId,
        String from,
        String text,
        ContentType type,
        Optional<MediaRef> media,
        Optional<String> senderName,
        Instant receivedAt) {

    /** Validates the message. */
    public InboundMessage {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (transport.isBlank() || messageId.isBlank() || from.isBlank()) {
            throw new IllegalArgumentException("an inbound message needs a transport, a message id and a sender");
        }
        senderName = senderName.filter(n -> !n.isBlank());
    }

    /**
     * A text message.
     *
     * @param transport the transport's name; never blank
     * @param messageId the message id; never blank
     * @param from the sender's address; never blank
     * @param text the text; never null
     * @param receivedAt when it was received; never null
     * @return the message; never null
     */
    public static InboundMessage text(
            String transport, String messageId, String from, String text, Instant receivedAt) {
        return new InboundMessage(
                transport, messageId, from, text, ContentType.TEXT, Optional.empty(), Optional.empty(), receivedAt);
    }

    /**
     * A voice note.
     *
     * @param transport the transport's name; never blank
     * @param messageId the message id; never blank
     * @param from the sender's address; never blank
     * @param media the recording; never null
     * @param receivedAt when it was received; never null
     * @return the message; never null
     */
    public static InboundMessage voice(
            String transport, String messageId, String from, MediaRef media, Instant receivedAt) {
        return new InboundMessage(
                transport, messageId, from, "", ContentType.VOICE, Optional.of(media), Optional.empty(), receivedAt);
    }

    /**
     * The same message with the sender's display name.
     *
     * @param name the display name; never null
     * @return a copy; never null
     */
    public InboundMessage withSenderName(String name) {
        return new InboundMessage(transport, messageId, from, text, type, media, Optional.of(name), receivedAt);
    }

    /**
     * The key the runtime deduplicates on.
     *
     * @return {@code transport + "/" + messageId}; never null
     */
    public String dedupKey() {
        return transport + "/" + messageId;
    }
}
