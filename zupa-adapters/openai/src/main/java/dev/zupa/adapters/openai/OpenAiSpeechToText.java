package dev.zupa.adapters.openai;

import dev.zupa.adapters.openai.internal.ClientSettings;
import dev.zupa.adapters.openai.internal.Connection;
import dev.zupa.adapters.openai.internal.TranscriptDecoder;
import dev.zupa.adapters.openai.internal.UploadFormat;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechToText;
import dev.zupa.core.speech.Transcript;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SpeechToText} over OpenAI's transcription API ({@code POST {baseUrl}/audio/transcriptions}, multipart).
 *
 * <pre>{@code
 * SpeechToText ears = OpenAiSpeechToText.builder()
 *         .apiKey(System.getenv("OPENAI_API_KEY"))
 *         .model("whisper-1")
 *         .build();
 * Transcript heard = ears.transcribe(voiceNote, Optional.of(Locale.of("es")));
 * }</pre>
 *
 * <p>The clip goes up as the {@code file} part, named after its media type ({@code audio/ogg; codecs=opus}, what
 * WhatsApp voice notes are, becomes {@code voice.ogg} typed {@code audio/ogg}; see the adapter guide for the full
 * table), with {@code model}, {@code response_format=json} and, when a hint is given and has a two-letter ISO 639-1
 * code, {@code language}. Silence comes back as an empty transcript, never as an error. A clip OpenAI cannot read (an
 * unknown media type, or more than {@value #MAX_AUDIO_BYTES} bytes) fails with {@code BAD_REQUEST} before anything
 * is sent.
 *
 * <p>One HTTP attempt per call; failures are {@link ProviderException}s mapped as for {@link OpenAiChatModel}. The
 * API key is never logged and never appears in an exception message or in {@link #toString()}. Instances are
 * immutable and thread-safe.
 *
 * @since 0.1
 */
public final class OpenAiSpeechToText implements SpeechToText {
    /** The model used when none is set. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini-transcribe";

    /** The largest clip OpenAI accepts: 25 MB, which its server counts as 26,214,400 bytes. */
    public static final int MAX_AUDIO_BYTES = 25 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiSpeechToText.class);

    private final Connection connection;
    private final String model;

    private OpenAiSpeechToText(Builder builder) {
        this.connection = builder.client().connect("audio/transcriptions", "speech-to-text");
        this.model = builder.model;
    }

    /**
     * Starts a speech-to-text service.
     *
     * @return a builder with the defaults; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Transcribes a clip with one {@code POST {baseUrl}/audio/transcriptions}.
     *
     * @param audio the audio; never null
     * @param language the expected language as a hint, or empty to let the service detect it; never null
     * @return the transcript, stripped, empty for silence; its language when the service reports one; never null
     * @throws ProviderException {@code BAD_REQUEST} before sending when the clip's media type is not one OpenAI
     *     reads or the clip is larger than {@value #MAX_AUDIO_BYTES} bytes; otherwise as the error mapping assigns,
     *     {@code INVALID_RESPONSE} when the answer has no text
     */
    @Override
    public Transcript transcribe(AudioClip audio, Optional<Locale> language) {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(language, "language");
        var errors = connection.errors();
        var format = UploadFormat.of(audio.mimeType())
                .orElseThrow(() -> errors.rejected(
                        "unsupported_audio_format",
                        "OpenAI cannot transcribe " + audio.mimeType()
                                + "; send ogg, mp3, m4a/mp4, wav, webm or flac audio"));
        if (audio.size() > MAX_AUDIO_BYTES) {
            throw errors.rejected(
                    "audio_too_large",
                    "the clip is " + audio.size() + " bytes; OpenAI transcribes at most " + MAX_AUDIO_BYTES
                            + " bytes (25 MB): split or compress it");
        }
        var form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(
                        "file",
                        format.fileName(),
                        RequestBody.create(audio.data(), MediaType.get(format.contentType())))
                .addFormDataPart("model", model)
                .addFormDataPart("response_format", "json");
        isoCode(language).ifPresent(code -> form.addFormDataPart("language", code));
        var request = connection
                .post(form.build())
                .header("Accept", "application/json")
                .build();
        LOG.debug(
                "openai POST {} model={} file={} ({} bytes)",
                connection.endpoint(),
                model,
                format.fileName(),
                audio.size());
        return connection.call(request, (response, requestId) -> {
            var body = response.body();
            var result = TranscriptDecoder.decode(body.string(), body.contentType(), errors, requestId);
            LOG.debug(
                    "openai {} transcribed {} chars, usage {} (request {})",
                    model,
                    result.transcript().text().length(),
                    result.usage(),
                    requestId);
            return result.transcript();
        });
    }

    private static Optional<String> isoCode(Optional<Locale> language) {
        // OpenAI wants ISO 639-1; a language that only has a three-letter code is left for the service to detect
        return language.map(Locale::getLanguage).filter(code -> code.length() == 2);
    }

    /**
     * Describes the service without its API key.
     *
     * @return the endpoint, model, organization and project; never null
     */
    @Override
    public String toString() {
        return "OpenAiSpeechToText[" + connection.describe("model=" + model) + "]";
    }

    /** Builds an {@link OpenAiSpeechToText}; mutable and not thread-safe. */
    public static final class Builder extends OpenAiClientBuilder<Builder> {
        private String model = DEFAULT_MODEL;

        private Builder() {}

        /**
         * The transcription model, such as {@code gpt-4o-transcribe} or {@code whisper-1}. Default {@value
         * OpenAiSpeechToText#DEFAULT_MODEL}.
         *
         * @param value the model name; never null or blank
         * @return this builder
         */
        public Builder model(String value) {
            this.model = ClientSettings.nonBlank(value, "model");
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service; never null
         * @throws IllegalStateException when no API key was set
         */
        public OpenAiSpeechToText build() {
            return new OpenAiSpeechToText(this);
        }
    }
}
