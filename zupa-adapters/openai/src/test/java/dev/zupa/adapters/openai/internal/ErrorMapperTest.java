package dev.zupa.adapters.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.core.provider.ProviderErrorKind;
import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMapperTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);
    private final ErrorMapper errors = new ErrorMapper("sk-proj-SECRETSECRET", CLOCK);

    @ParameterizedTest(name = "{0} code={1} type={2} -> {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                "401, invalid_api_key, invalid_request_error, -, AUTHENTICATION",
                "403, -, -, -, AUTHENTICATION",
                "400, -, invalid_request_error, -, BAD_REQUEST",
                "404, model_not_found, invalid_request_error, -, BAD_REQUEST",
                "413, -, -, -, BAD_REQUEST",
                "422, -, -, -, BAD_REQUEST",
                "429, rate_limit_exceeded, tokens, -, RATE_LIMITED",
                "429, -, requests, -, RATE_LIMITED",
                "429, insufficient_quota, insufficient_quota, -, QUOTA_EXHAUSTED",
                "429, -, insufficient_quota, -, QUOTA_EXHAUSTED",
                "408, -, -, -, UNAVAILABLE",
                "409, -, -, -, UNAVAILABLE",
                "500, -, server_error, -, UNAVAILABLE",
                "502, -, -, -, UNAVAILABLE",
                "504, -, -, -, UNAVAILABLE",
                "503, -, server_error, That model is currently overloaded, OVERLOADED",
                "503, -, -, Service Unavailable, UNAVAILABLE",
            })
    void statusTable(int status, String code, String type, String message, ProviderErrorKind kind) {
        assertThat(ErrorMapper.kindFor(status, code, type, message)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "code={0} type={1} -> {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "-, server_error, The server had an error, UNAVAILABLE",
                "rate_limit_exceeded, tokens, -, RATE_LIMITED",
                "insufficient_quota, -, -, QUOTA_EXHAUSTED",
                "-, overloaded_error, -, OVERLOADED",
                "-, invalid_request_error, -, BAD_REQUEST",
                "-, -, -, UNAVAILABLE",
            })
    void streamErrorTable(String code, String type, String message, ProviderErrorKind kind) {
        assertThat(ErrorMapper.kindForStreamError(code, type, message)).isEqualTo(kind);
    }

    @Test
    void retryAfterPrefersMillisecondsThenSecondsThenHttpDate() {
        assertThat(errors.retryAfter(Headers.of("retry-after-ms", "1200", "retry-after", "2")))
                .contains(Duration.ofMillis(1200));
        assertThat(errors.retryAfter(Headers.of("retry-after", "1.5"))).contains(Duration.ofMillis(1500));
        assertThat(errors.retryAfter(Headers.of("retry-after", "Thu, 01 Jan 2026 12:00:30 GMT")))
                .contains(Duration.ofSeconds(30));
        assertThat(errors.retryAfter(Headers.of("retry-after", "Thu, 01 Jan 2026 11:00:00 GMT")))
                .contains(Duration.ZERO);
        assertThat(errors.retryAfter(Headers.of("retry-after", "soon"))).isEmpty();
        assertThat(errors.retryAfter(Headers.of("retry-after-ms", "-5"))).isEmpty();
        assertThat(errors.retryAfter(Headers.of())).isEmpty();
    }

    @Test
    void redactsTheKeyAndKeyShapedText() {
        assertThat(errors.redact("bad key sk-proj-SECRETSECRET and sk-abc***xyz."))
                .isEqualTo("bad key [redacted] and sk-[redacted]")
                .doesNotContain("SECRET");
    }

    @Test
    void ioFailuresSplitIntoTimeoutAndConnection() {
        assertThat(errors.fromIo(new SocketTimeoutException("timeout"), null).kind())
                .isEqualTo(ProviderErrorKind.TIMEOUT);
        var dropped = errors.fromIo(new EOFException("\\n not found"), "req_1");
        assertThat(dropped.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
        assertThat(dropped.requestId()).contains("req_1");
        assertThat(dropped.getCause()).isInstanceOf(EOFException.class);
    }

    @Test
    void textualErrorFromACompatibleServerIsTheMessage() throws Exception {
        var node = new ObjectMapper().readTree("{\"error\":\"model 'llama9' not found\"}");
        var failure = errors.fromHttp(404, Headers.of(), node.toString());

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
        assertThat(failure.getMessage()).isEqualTo("openai bad_request (HTTP 404): model 'llama9' not found");
    }
}
