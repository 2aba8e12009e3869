package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.speech.AudioClip;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as the sidecar reports it: the fields of whatsapp-web.js's {@code Message} that Zupa uses.
 *
 * @param id {@code id._serialized}, such as {@code false_5215512345678@c.us_3EB0A1B2C3}; the deduplication key
 * @param from the chat: {@code <digits>@c.us}, {@code <n>@lid}, {@code <id>@g.us}, …
 * @param author the sender inside a group, when there is one
 * @param phone the sender's phone chat id ({@code <digits>@c.us}) when the sender is a {@code @lid} the sidecar
 *     could resolve
 * @param type the library's type: {@code chat}, {@code ptt}, {@code audio}, {@code image}, …
 * @param body the text or caption, empty when none
 * @param timestamp when WhatsApp received it, in seconds since the epoch; 0 when unknown
 * @param hasMedia whether it carries media
 * @param fromMe whether the logged-in account sent it
 * @param notifyName the sender's WhatsApp display name, when known
 * @param media the downloaded audio of a {@code ptt} or {@code audio} message
 * @param mediaError why the audio could not be downloaded, when it could not
 */
public record WebMessage(
        String id,
        String from,
        Optional<String> author,
        Optional<String> phone,
        String type,
        String body,
        long timestamp,
        boolean hasMedia,
        boolean fromMe,
        Optional<String> notifyName,
        Optional<AudioClip> media,
        Optional<String> mediaError) {

    /** Validates the message. */
    public WebMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(notifyName, "notifyName");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(mediaError, "mediaError");
        if (id.isBlank() || from.isBlank() || type.isBlank()) {
            throw new IllegalArgumentException("a message needs an id, a sender and a type");
        }
    }
}
