package dev.zupa.adapters.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Locale;
import okhttp3.MediaType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscriptDecoderTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private final ErrorMapper errors = new ErrorMapper("sk-test", Clock.systemUTC());

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"text\":\"hola\",\"usage\":{\"type\":\"tokens\",\"input_tokens\":41,\"output_tokens\":7}}"
                        + "|tokens in=41 out=7",
                "{\"text\":\"hola\",\"usage\":{\"type\":\"duration\",\"seconds\":3}}|seconds=3.0",
                "{\"text\":\"hola\"}|not reported",
                "{\"text\":\"hola\",\"usage\":null}|not reported",
            })
    void describesUsageAsTokensDurationOrAbsent(String body, String usage) {
        var result = TranscriptDecoder.decode(body, JSON, errors, null);

        assertThat(result.transcript().text()).isEqualTo("hola");
        assertThat(result.usage()).isEqualTo(usage);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                "spanish, es",
                "English, en",
                "hebrew, he",
                "es, es",
                "PT, pt",
                "'', -",
                "klingon, -",
            })
    void readsLanguageNamesAndCodes(String reported, String code) {
        assertThat(TranscriptDecoder.language(reported))
                .isEqualTo(java.util.Optional.ofNullable(code).map(Locale::of));
    }
}
