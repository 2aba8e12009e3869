package dev.zupa.examples.offline;

import dev.zupa.core.speech.AudioClip;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The examples' pretend audio: an Ogg page signature followed by the spoken words as UTF-8 text. It looks like a
 * voice note to a transport (it starts with {@code OggS} and carries the Opus media type) while
 * {@link FakeSpeechToText} can "hear" it exactly, so a demo and its tests need no real speech service.
 *
 * <p>A plain UTF-8 text file counts as a recording of its own text too, so {@code echo "menu please" > note.ogg}
 * makes a voice note to send with the console's {@code /voicenote note.ogg}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class FakeAudio {
    /** The media type of the clips made here: Ogg Opus, what WhatsApp plays as a voice note. */
    public static final String OGG_OPUS = "audio/ogg; codecs=opus";

    /** {@code OggS}, a zero version byte, then a marker line that tells fake audio from real. */
    private static final byte[] HEADER = "OggS\0zupa-fake-voice\n".getBytes(StandardCharsets.US_ASCII);

    private FakeAudio() {}

    /**
     * A pretend recording of the words, as Ogg Opus.
     *
     * @param words what the recording says; never blank
     * @return the clip; never null
     * @throws IllegalArgumentException when the words are blank
     */
    public static AudioClip of(String words) {
        return of(words, OGG_OPUS);
    }

    /**
     * A pretend recording of the words in the given media type.
     *
     * @param words what the recording says; never blank
     * @param mimeType the media type to label the clip with; never blank
     * @return the clip; never null
     * @throws IllegalArgumentException when the words or the media type are blank
     */
    public static AudioClip of(String words, String mimeType) {
        Objects.requireNonNull(words, "words");
        if (words.isBlank()) {
            throw new IllegalArgumentException("a fake recording needs words");
        }
        var text = words.strip().getBytes(StandardCharsets.UTF_8);
        var data = Arrays.copyOf(HEADER, HEADER.length + text.length);
        System.arraycopy(text, 0, data, HEADER.length, text.length);
        return new AudioClip(data, mimeType);
    }

    /**
     * The words in a clip: those after the fake header, or the whole clip when it is plain UTF-8 text.
     *
     * @param clip the clip; never null
     * @return the words, stripped; empty when the clip is real (binary) audio or says nothing; never null
     */
    public static Optional<String> wordsIn(AudioClip clip) {
        Objects.requireNonNull(clip, "clip");
        var data = clip.data();
        int start = startsWithHeader(data) ? HEADER.length : 0;
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(data, start, data.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        boolean printable = text.codePoints().allMatch(c -> !Character.isISOControl(c) || Character.isWhitespace(c));
        return printable ? Optional.of(text.strip()).filter(t -> !t.isEmpty()) : Optional.empty();
    }

    private static boolean startsWithHeader(byte[] data) {
        return data.length >= HEADER.length && Arrays.equals(data, 0, HEADER.length, HEADER, 0, HEADER.length);
    }
}
