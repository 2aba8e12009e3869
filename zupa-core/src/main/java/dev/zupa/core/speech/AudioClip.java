package dev.zupa.core.speech;

import java.util.Arrays;
import java.util.Objects;

/**
 * Audio bytes with their media type, such as a WhatsApp voice note ({@code audio/ogg; codecs=opus}).
 *
 * @param data the encoded audio; never null or empty
 * @param mimeType the media type; never null or blank
 * @since 0.1
 */
public record AudioClip(byte[] data, String mimeType) {
    /** Validates the clip and copies the bytes. */
    public AudioClip {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mimeType, "mimeType");
        if (data.length == 0) {
            throw new IllegalArgumentException("an audio clip must not be empty");
        }
        if (mimeType.isBlank()) {
            throw new IllegalArgumentException("an audio clip needs a mime type");
        }
        data = data.clone();
    }

    /**
     * A copy of the bytes.
     *
     * @return the audio bytes; never null
     */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * The size of the audio.
     *
     * @return the number of bytes
     */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioClip c && mimeType.equals(c.mimeType) && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return 31 * mimeType.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AudioClip[" + mimeType + ", " + data.length + " bytes]";
    }
}
