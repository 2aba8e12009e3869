package dev.zupa.adapters.openai;

import dev.zupa.adapters.openai.internal.AudioCheck;
import dev.zupa.adapters.openai.internal.ClientSettings;
import dev.zupa.adapters.openai.internal.Connection;
import dev.zupa.adapters.openai.internal.SpeechEncoder;
import dev.zupa.adapters.openai.internal.SpeechEvents;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechRequest;
import dev.zupa.core.speech.TextToSpeech;
import java.io.IOException;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TextToSpeech} over OpenAI's speech API ({@code POST {baseUrl}/audio/speech}).
 *
 * <pre>{@code
 * TextToSpeech voice = OpenAiTextToSpeech.builder()
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .voice("coral")
 *         .build();
 * AudioClip note = voice.synthesize(SpeechRequest.of("Your table is booked.", AudioFormat.OPUS));
 * // note.mimeType() is "audio/ogg; codecs=opus", what WhatsApp plays as a voice note
 * }</pre>
 *
 * <p>Sends {@code model}, {@code input}, {@code voice} (the request's, else the default) and {@code response_format}
 * ({@code opus}, {@code mp3}, {@code wav} or {@code pcm}), plus {@code instructions} and {@code stream_format} when
 * configured, and nothing else (the schema is closed; the request's language is not sent, the model speaks the
 * text's language). The clip's media type is the format's: OPUS is Ogg/Opus ({@code audio/ogg; codecs=opus}), PCM is
 * raw 24 kHz 16-bit little-endian mono without a header. The bytes are checked against the format asked for, so a
 * server that answers MP3 to a voice-note request fails with {@code INVALID_RESPONSE} instead of producing a voice
 * note WhatsApp cannot play.
 *
 * <p>A text longer than {@value #MAX_INPUT_CHARS} characters (Unicode code points) is refused with {@code
 * BAD_REQUEST} before anything is sent, not split: joined Ogg or WAV files are not one playable clip. One HTTP attempt
 * per call; failures are {@link ProviderException}s mapped as for {@link OpenAiChatModel}. The API key is never
 * logged and never appears in an exception message or in {@link #toString()}. Instances are immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class OpenAiTextToSpeech implements TextToSpeech {
    /** The model used when none is set. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini-tts";

    /** The voice used when neither the builder nor the request names one. */
    public static final String DEFAULT_VOICE = "alloy";

    /** The longest text OpenAI speaks in one call, in Unicode code points; also the limit for instructions. */
    public static final int MAX_INPUT_CHARS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiTextToSpeech.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final Connection connection;
    private final String model;
    private final String voice;
    private final @Nullable String instructions;
    private final boolean serverSentEvents;

    private OpenAiTextToSpeech(Builder builder) {
        this.connection = builder.client().connect("audio/speech", "text-to-speech");
        this.model = builder.model;
        this.voice = builder.voice;
        this.instructions = builder.instructions;
        this.serverSentEvents = builder.serverSentEvents;
    }

    /**
     * Starts a text-to-speech service.
     *
     * @return a builder with the defaults; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Speaks a text with one {@code POST {baseUrl}/audio/speech}.
     *
     * @param request the text, voice and format; never null
     * @return the audio, typed {@code request.format().mimeType()}; never null
     * @throws ProviderException {@code BAD_REQUEST} before sending when the text is longer than {@value
     *     #MAX_INPUT_CHARS} characters; {@code INVALID_RESPONSE} when the answer is empty or not in the format asked
     *     for; {@code CONNECTION} when the audio is cut off; otherwise as the error mapping assigns
     */
    @Override
    public AudioClip synthesize(SpeechRequest request) {
        Objects.requireNonNull(request, "request");
        var errors = connection.errors();
        String text = request.text();
        int length = text.codePointCount(0, text.length());
        if (length > MAX_INPUT_CHARS) {
            throw errors.rejected(
                    "input_too_long",
                    "the text is " + length + " characters; OpenAI speaks at most " + MAX_INPUT_CHARS
                            + " per call: shorten it or reply in text");
        }
        String chosen = request.voice().filter(name -> !name.isBlank()).orElse(voice);
        var format = request.format();
        byte[] json = SpeechEncoder.encode(model, text, chosen, format, instructions, serverSentEvents);
        var http = connection
                .post(RequestBody.create(json, JSON))
                .header("Accept", serverSentEvents ? "text/event-stream" : "application/octet-stream")
                .build();
        LOG.debug(
                "openai POST {} model={} voice={} format={} ({} chars)",
                connection.endpoint(),
                model,
                chosen,
                SpeechEncoder.responseFormat(format),
                length);
        return connection.call(http, (response, requestId) -> {
            byte[] audio = audio(response, requestId);
            if (audio.length == 0) {
                throw errors.invalidResponse("the response has no audio", requestId, null);
            }
            AudioCheck.problem(format, audio).ifPresent(problem -> {
                throw errors.invalidResponse(problem, requestId, null);
            });
            LOG.debug("openai {} spoke {} bytes of {} (request {})", model, audio.length, format, requestId);
            return new AudioClip(audio, format.mimeType());
        });
    }

    private byte[] audio(Response response, @Nullable String requestId) throws IOException {
        var body = response.body();
        MediaType type = body.contentType();
        if (type != null && "event-stream".equals(type.subtype())) {
            return SpeechEvents.read(body.source(), connection.errors(), requestId);
        }
        return body.bytes();
    }

    /**
     * Describes the service without its API key.
     *
     * @return the endpoint, model, voice, organization and project; never null
     */
    @Override
    public String toString() {
        return "OpenAiTextToSpeech[" + connection.describe("model=" + model + ", voice=" + voice) + "]";
    }

    /** Builds an {@link OpenAiTextToSpeech}; mutable and not thread-safe. */
    public static final class Builder extends OpenAiClientBuilder<Builder> {
        private String model = DEFAULT_MODEL;
        private String voice = DEFAULT_VOICE;
        private @Nullable String instructions;
        private boolean serverSentEvents;

        private Builder() {}

        /**
         * The speech model, such as {@code gpt-4o-mini-tts}, {@code tts-1} or {@code tts-1-hd}. Default {@value
         * OpenAiTextToSpeech#DEFAULT_MODEL}.
         *
         * @param value the model name; never null or blank
         * @return this builder
         */
        public Builder model(String value) {
            this.model = ClientSettings.nonBlank(value, "model");
            return this;
        }

        /**
         * The voice used when a request names none, such as {@code alloy}, {@code coral}, {@code marin} or a custom
         * voice id. Default {@value OpenAiTextToSpeech#DEFAULT_VOICE}.
         *
         * @param value the voice; never null or blank
         * @return this builder
         */
        public Builder voice(String value) {
            this.voice = ClientSettings.nonBlank(value, "voice");
            return this;
        }

        /**
         * How to speak ("warm and unhurried"), sent as {@code instructions}. Not sent by default; not supported by
         * {@code tts-1} and {@code tts-1-hd}.
         *
         * @param value the instructions; never null or blank, at most {@value OpenAiTextToSpeech#MAX_INPUT_CHARS}
         *     characters
         * @return this builder
         */
        public Builder instructions(String value) {
            ClientSettings.nonBlank(value, "instructions");
            int length = value.codePointCount(0, value.length());
            if (length > MAX_INPUT_CHARS) {
                throw new IllegalArgumentException(
                        "instructions must be at most " + MAX_INPUT_CHARS + " characters, were " + length);
            }
            this.instructions = value;
            return this;
        }

        /**
         * Whether to ask for {@code stream_format: "sse"} (base64 audio in {@code speech.audio.delta} events, which
         * ends with an explicit {@code speech.audio.done}) instead of raw bytes. Default false; not supported by
         * {@code tts-1} and {@code tts-1-hd}.
         *
         * @param value true to ask for events
         * @return this builder
         */
        public Builder serverSentEvents(boolean value) {
            this.serverSentEvents = value;
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service; never null
         * @throws IllegalStateException when no API key was set, or instructions or server-sent events were asked
         *     of {@code tts-1}/{@code tts-1-hd}
         */
        public OpenAiTextToSpeech build() {
            boolean legacy = model.equals("tts-1") || model.startsWith("tts-1-");
            if (legacy && instructions != null) {
                throw new IllegalStateException(
                        model + " does not take instructions; use gpt-4o-mini-tts or drop them");
            }
            if (legacy && serverSentEvents) {
                throw new IllegalStateException(model + " cannot stream server-sent events; use gpt-4o-mini-tts");
            }
            return new OpenAiTextToSpeech(this);
        }
    }
}
