package dev.zupa.core.transport;

import java.util.Objects;

/**
 * A transport's handle on an inbound message's media: small enough to store with the message, resolved into bytes
 * by {@link Transport#download(MediaRef)} when the turn needs them (WhatsApp media URLs expire, so the handle is
 * the media id, not the URL).
 *
 * @param id the transport's media id (a WhatsApp media id, a file path for the console); never blank
 * @param mimeType the declared media type, such as {@code audio/ogg; codecs=opus}; never blank
 * @since 0.1
 */
public record MediaRef(String id, String mimeType) {
    /** Validates the handle. */
    public MediaRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mimeType, "mimeType");
        if (id.isBlank() || mimeType.isBlank()) {
            throw new IllegalArgumentException("a media reference needs an id and a mime type");
        }
    }
}
