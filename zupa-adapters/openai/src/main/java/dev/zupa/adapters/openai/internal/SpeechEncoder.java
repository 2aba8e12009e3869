package dev.zupa.adapters.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.zupa.core.speech.SpeechRequest.AudioFormat;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes the JSON body of {@code POST /audio/speech}. OpenAI's schema for it is closed ({@code
 * additionalProperties: false}), so only its own fields are ever written: {@code model}, {@code input}, {@code
 * voice}, {@code response_format}, and {@code instructions} and {@code stream_format} when set. Stateless and
 * thread-safe.
 */
public final class SpeechEncoder {
    private SpeechEncoder() {}

    /**
     * The {@code response_format} value for a format.
     *
     * @param format the format; never null
     * @return {@code opus}, {@code mp3}, {@code wav} or {@code pcm}; never null
     */
    public static String responseFormat(AudioFormat format) {
        return switch (format) {
            case OPUS -> "opus";
            case MP3 -> "mp3";
            case WAV -> "wav";
            case PCM -> "pcm";
        };
    }

    /**
     * Encodes a request.
     *
     * @param model the model; never null
     * @param input the text to speak; never null
     * @param voice the voice; never null
     * @param format the audio format; never null
     * @param instructions how to speak, or null to send none
     * @param sse whether to ask for {@code stream_format: "sse"}
     * @return the UTF-8 JSON body; never null
     */
    public static byte[] encode(
            String model, String input, String voice, AudioFormat format, @Nullable String instructions, boolean sse) {
        var root = Json.MAPPER.createObjectNode();
        root.put("model", Objects.requireNonNull(model, "model"));
        root.put("input", Objects.requireNonNull(input, "input"));
        root.put("voice", Objects.requireNonNull(voice, "voice"));
        root.put("response_format", responseFormat(format));
        if (instructions != null) {
            root.put("instructions", instructions);
        }
        if (sse) {
            root.put("stream_format", "sse");
        }
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
