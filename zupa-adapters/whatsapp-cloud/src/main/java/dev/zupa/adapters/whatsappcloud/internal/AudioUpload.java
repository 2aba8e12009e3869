package dev.zupa.adapters.whatsappcloud.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * How a reply's audio is uploaded: WhatsApp takes {@code audio/aac}, {@code audio/amr}, {@code audio/mpeg},
 * {@code audio/mp4} and {@code audio/ogg} (Opus only), up to 16 MB, and shows only Ogg/Opus as a voice note.
 *
 * @param type the media type sent with the upload
 * @param fileName the file name of the multipart part
 * @param voice whether the message is flagged as a voice note
 */
public record AudioUpload(String type, String fileName, boolean voice) {
    /** The largest audio WhatsApp accepts, 16 MB. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    /**
     * The upload for a clip's media type.
     *
     * @param mimeType the clip's media type, parameters allowed ({@code audio/ogg; codecs=opus})
     * @return the upload, or empty when WhatsApp does not take the type
     */
    public static Optional<AudioUpload> forType(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        String base = (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return switch (base) {
            // speech providers label Ogg/Opus as audio/ogg or audio/opus; the bytes are an Ogg container either way
            case "audio/ogg", "audio/opus", "application/ogg" ->
                Optional.of(new AudioUpload("audio/ogg", "voice.ogg", true));
            case "audio/mpeg", "audio/mp3" -> Optional.of(new AudioUpload("audio/mpeg", "audio.mp3", false));
            case "audio/mp4", "audio/m4a", "audio/x-m4a" ->
                Optional.of(new AudioUpload("audio/mp4", "audio.m4a", false));
            case "audio/aac" -> Optional.of(new AudioUpload("audio/aac", "audio.aac", false));
            case "audio/amr" -> Optional.of(new AudioUpload("audio/amr", "audio.amr", false));
            default -> Optional.empty();
        };
    }
}
