package dev.zupa.adapters.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.Transcript;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of {@code POST /audio/transcriptions} into a {@link Transcript}. Stateless and thread-safe.
 *
 * <p>Accepted: {@code json} ({@code {"text","usage"}}), {@code verbose_json} (adds {@code language} as an English
 * name such as {@code "spanish"}, {@code duration} and {@code segments}) and, from servers that answer {@code
 * text/plain} whatever was asked, the bare text. The text is stripped, so silence ({@code ""} or blanks) comes back
 * as an empty transcript. {@code usage} may be {@code {type:"tokens",…}}, {@code {type:"duration",seconds}} or
 * absent; it is only described for the log.
 */
public final class TranscriptDecoder {
    private static final Map<String, Locale> LANGUAGES_BY_NAME = languagesByName();

    private TranscriptDecoder() {}

    /**
     * A decoded transcription.
     *
     * @param transcript the transcript; never null
     * @param usage what the service reported it used, for the log, such as {@code tokens in=41 out=7}; never null
     */
    public record Result(Transcript transcript, String usage) {
        /** Validates the components. */
        public Result {
            Objects.requireNonNull(transcript, "transcript");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /**
     * Decodes a response body.
     *
     * @param body the body text; never null
     * @param type the response's content type, if any
     * @param errors builds the exceptions; never null
     * @param requestId the {@code x-request-id} header, if any
     * @return the transcript with its usage; never null
     * @throws ProviderException {@code INVALID_RESPONSE} when the body is empty, not JSON or has no {@code text}
     */
    public static Result decode(String body, @Nullable MediaType type, ErrorMapper errors, @Nullable String requestId) {
        if (type != null && "text".equals(type.type()) && "plain".equals(type.subtype())) {
            return new Result(new Transcript(body.strip(), Optional.empty()), "not reported");
        }
        if (body.isBlank()) {
            throw errors.invalidResponse("the response body is empty", requestId, null);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw errors.invalidResponse("the response body is not JSON", requestId, e);
        }
        if (root == null || !root.isObject()) {
            throw errors.invalidResponse("the response body is not a JSON object", requestId, null);
        }
        if (root.hasNonNull("error")) {
            throw errors.fromStreamError(root.get("error"), requestId);
        }
        JsonNode text = root.get("text");
        if (text == null || !text.isTextual()) {
            throw errors.invalidResponse("the response has no text", requestId, null);
        }
        var language = language(root.path("language").asText(""));
        return new Result(new Transcript(text.asText().strip(), language), usage(root.path("usage")));
    }

    /**
     * The locale for a language the service reported: an ISO 639 code ({@code es}) or an English name ({@code
     * spanish}).
     *
     * @param value the reported language; never null
     * @return the language, or empty when blank or unknown
     */
    static Optional<Locale> language(String value) {
        String name = value.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        var byName = LANGUAGES_BY_NAME.get(name);
        if (byName != null) {
            return Optional.of(byName);
        }
        if (name.matches("[a-z]{2,3}")) {
            return Optional.of(Locale.of(name));
        }
        return Optional.empty();
    }

    private static String usage(JsonNode usage) {
        return switch (usage.path("type").asText("")) {
            case "tokens" ->
                "tokens in=" + usage.path("input_tokens").asLong() + " out="
                        + usage.path("output_tokens").asLong();
            case "duration" -> "seconds=" + usage.path("seconds").asDouble();
            default -> "not reported";
        };
    }

    private static Map<String, Locale> languagesByName() {
        var names = new HashMap<String, Locale>();
        for (String code : Locale.getISOLanguages()) {
            var locale = Locale.of(code);
            names.putIfAbsent(locale.getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT), locale);
        }
        return Map.copyOf(names);
    }
}
