package dev.zupa.adapters.openai.internal;

import dev.zupa.core.speech.SpeechRequest.AudioFormat;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that synthesized audio is what was asked for, by its leading bytes rather than the {@code Content-Type}
 * (OpenAI sends {@code application/octet-stream} or similar). This matters most for voice notes: WhatsApp only plays
 * Ogg/Opus, and an MP3 from a server that ignored {@code response_format} would arrive as "audio not available".
 * Stateless and thread-safe.
 *
 * <ul>
 *   <li>opus: an Ogg page ({@code OggS}) whose first packet is an {@code OpusHead}
 *   <li>mp3: an {@code ID3} tag or an MPEG frame sync ({@code FF Ex}/{@code FF Fx})
 *   <li>wav: {@code RIFF}, then {@code WAVE} at byte 8
 *   <li>pcm: no header (raw 24 kHz, 16-bit little-endian mono), so an even length and no container signature
 * </ul>
 */
public final class AudioCheck {
    /** OpusHead sits at byte 28 of the first page; a generous window allows a longer segment table. */
    private static final int FIRST_PAGE = 512;

    private AudioCheck() {}

    /**
     * What is wrong with audio that should be in a format.
     *
     * @param format the format asked for; never null
     * @param audio the bytes received; never null, not empty
     * @return the problem, for an {@code INVALID_RESPONSE} message, or empty when the bytes fit
     */
    public static Optional<String> problem(AudioFormat format, byte[] audio) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(audio, "audio");
        boolean fits =
                switch (format) {
                    case OPUS -> startsWith(audio, 0, "OggS") && contains(audio, "OpusHead");
                    case MP3 -> startsWith(audio, 0, "ID3") || frameSync(audio);
                    case WAV -> startsWith(audio, 0, "RIFF") && startsWith(audio, 8, "WAVE");
                    case PCM -> audio.length % 2 == 0 && !container(audio);
                };
        if (fits) {
            return Optional.empty();
        }
        if (format == AudioFormat.PCM && audio.length % 2 != 0) {
            return Optional.of("asked for 16-bit pcm but got an odd number of bytes (" + audio.length + ")");
        }
        return Optional.of("asked for " + SpeechEncoder.responseFormat(format) + " but the audio starts with "
                + HexFormat.ofDelimiter(" ").formatHex(audio, 0, Math.min(audio.length, 4)));
    }

    private static boolean container(byte[] audio) {
        return startsWith(audio, 0, "RIFF")
                || startsWith(audio, 0, "OggS")
                || startsWith(audio, 0, "ID3")
                || startsWith(audio, 0, "fLaC");
    }

    private static boolean frameSync(byte[] audio) {
        return audio.length >= 2 && (audio[0] & 0xFF) == 0xFF && (audio[1] & 0xE0) == 0xE0;
    }

    private static boolean startsWith(byte[] audio, int offset, String magic) {
        byte[] expected = magic.getBytes(StandardCharsets.US_ASCII);
        if (audio.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (audio[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] audio, String magic) {
        int end = Math.min(audio.length, FIRST_PAGE);
        for (int offset = 0; offset < end; offset++) {
            if (startsWith(audio, offset, magic)) {
                return true;
            }
        }
        return false;
    }
}
