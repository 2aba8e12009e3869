package dev.zupa.adapters.openai.internal;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How an audio clip is named and typed in the {@code file} part of {@code POST /audio/transcriptions}. OpenAI picks
 * the decoder from the file name's extension, and refuses some it does not list: the same Ogg/Opus bytes that pass
 * as {@code voice.ogg} fail as {@code voice.opus} ("Unsupported file format opus"), so every Opus-in-Ogg clip
 * (WhatsApp voice notes, {@code audio/ogg; codecs=opus}, {@code audio/opus}) is sent as {@code voice.ogg} typed
 * {@code audio/ogg}.
 */
public enum UploadFormat {
    /** Ogg (Opus or Vorbis), including WhatsApp voice notes. */
    OGG("voice.ogg", "audio/ogg", List.of("audio/ogg", "audio/opus", "application/ogg", "audio/x-ogg")),
    /** MPEG audio layer 3. */
    MP3("voice.mp3", "audio/mpeg", List.of("audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg", "audio/x-mp3")),
    /** AAC or ALAC in an MP4 container. */
    M4A("voice.m4a", "audio/mp4", List.of("audio/mp4", "audio/m4a", "audio/x-m4a")),
    /** RIFF WAVE. */
    WAV("voice.wav", "audio/wav", List.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave")),
    /** WebM, as browsers record it. */
    WEBM("voice.webm", "audio/webm", List.of("audio/webm")),
    /** FLAC. */
    FLAC("voice.flac", "audio/flac", List.of("audio/flac", "audio/x-flac"));

    private final String fileName;
    private final String contentType;
    private final List<String> mimeTypes;

    UploadFormat(String fileName, String contentType, List<String> mimeTypes) {
        this.fileName = fileName;
        this.contentType = contentType;
        this.mimeTypes = mimeTypes;
    }

    /**
     * The format for a clip's media type; parameters such as {@code codecs=opus} and letter case are ignored.
     *
     * @param mimeType the clip's media type; never null
     * @return the format, or empty when OpenAI cannot read it (such as {@code audio/amr} or {@code audio/aac})
     */
    public static Optional<UploadFormat> of(String mimeType) {
        Objects.requireNonNull(mimeType, "mimeType");
        int semicolon = mimeType.indexOf(';');
        String bare = (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        for (var format : values()) {
            if (format.mimeTypes.contains(bare)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * The file name sent in the part's {@code Content-Disposition}.
     *
     * @return a name whose extension OpenAI accepts; never null
     */
    public String fileName() {
        return fileName;
    }

    /**
     * The part's {@code Content-Type}, without parameters.
     *
     * @return the media type; never null
     */
    public String contentType() {
        return contentType;
    }
}
