package dev.zupa.adapters.console;

import java.nio.file.Path;
import java.util.Locale;

/** Maps audio file extensions to media types and back, for the few formats speech services accept. */
final class AudioTypes {
    /** The media type of an Ogg Opus voice note, as WhatsApp sends it. */
    static final String OGG_OPUS = "audio/ogg; codecs=opus";

    /** The media type of a file whose extension says nothing known. */
    static final String UNKNOWN = "application/octet-stream";

    private AudioTypes() {}

    /**
     * Guesses a file's media type from its extension.
     *
     * @param file the file
     * @return the media type, {@value #UNKNOWN} when the extension is not a known audio one
     */
    static String mimeTypeOf(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        int dot = text.lastIndexOf('.');
        String extension = dot < 0 ? "" : text.substring(dot + 1);
        return switch (extension) {
            case "ogg", "oga", "opus" -> OGG_OPUS;
            case "mp3" -> "audio/mpeg";
            case "wav" -> "audio/wav";
            case "m4a" -> "audio/mp4";
            case "aac" -> "audio/aac";
            case "webm" -> "audio/webm";
            case "flac" -> "audio/flac";
            default -> UNKNOWN;
        };
    }

    /**
     * The file extension for a media type, ignoring its parameters.
     *
     * @param mimeType a media type such as {@code audio/ogg; codecs=opus}
     * @return the extension without a dot, {@code bin} when the type is not a known audio one
     */
    static String extensionOf(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        String base = (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return switch (base) {
            case "audio/ogg", "audio/opus" -> "ogg";
            case "audio/mpeg", "audio/mp3" -> "mp3";
            case "audio/wav", "audio/wave", "audio/x-wav", "audio/vnd.wave" -> "wav";
            case "audio/mp4", "audio/m4a", "audio/x-m4a" -> "m4a";
            case "audio/aac" -> "aac";
            case "audio/webm" -> "webm";
            case "audio/flac", "audio/x-flac" -> "flac";
            case "audio/pcm", "audio/l16" -> "pcm";
            default -> "bin";
        };
    }
}
