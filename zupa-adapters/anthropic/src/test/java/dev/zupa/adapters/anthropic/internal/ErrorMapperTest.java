package dev.zupa.adapters.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.core.provider.ProviderErrorKind;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
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
    private final ErrorMapper errors = new ErrorMapper("sk-ant-api03-SECRETSECRET", new RetryAfter(CLOCK));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "400, invalid_request_error, BAD_REQUEST",
                "401, authentication_error, AUTHENTICATION",
                "403, permission_error, AUTHENTICATION",
                "404, not_found_error, BAD_REQUEST",
                "413, request_too_large, BAD_REQUEST",
                "422, -, BAD_REQUEST",
                "429, rate_limit_error, RATE_LIMITED",
                "408, -, UNAVAILABLE",
                "409, -, UNAVAILABLE",
                "500, api_error, UNAVAILABLE",
                "502, -, UNAVAILABLE",
                "503, overloaded_error, OVERLOADED",
                "529, overloaded_error, OVERLOADED",
                "529, -, OVERLOADED",
            })
    void statusTable(int status, String type, ProviderErrorKind kind) {
        assertThat(ErrorMapper.kindFor(status, type)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                "overloaded_error, OVERLOADED",
                "rate_limit_error, RATE_LIMITED",
                "api_error, UNAVAILABLE",
                "authentication_error, AUTHENTICATION",
                "permission_error, AUTHENTICATION",
                "invalid_request_error, BAD_REQUEST",
                "not_found_error, BAD_REQUEST",
                "request_too_large, BAD_REQUEST",
                "brand_new_error, UNAVAILABLE",
                "-, UNAVAILABLE",
            })
    void streamErrorTable(String type, ProviderErrorKind kind) {
        assertThat(ErrorMapper.kindForType(type)).isEqualTo(kind);
    }

    @Test
    void timeoutsAreTimeoutAndOtherIoFailuresAreConnection() {
        assertThat(errors.fromIo(new SocketTimeoutException("timeout"), null).kind())
                .isEqualTo(ProviderErrorKind.TIMEOUT);
        assertThat(errors.fromIo(new InterruptedIOException("timeout"), null).kind())
                .as("OkHttp's call timeout")
                .isEqualTo(ProviderErrorKind.TIMEOUT);
        assertThat(errors.fromIo(new SocketException("Connection reset"), null).kind())
                .isEqualTo(ProviderErrorKind.CONNECTION);
        assertThat(errors.fromIo(new ConnectException("Connection refused"), null)
                        .kind())
                .isEqualTo(ProviderErrorKind.CONNECTION);
        var dropped = errors.fromIo(new EOFException("\\n not found"), "req_1");
        assertThat(dropped.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
        assertThat(dropped.requestId()).contains("req_1");
        assertThat(dropped.getCause()).isInstanceOf(EOFException.class);
        assertThat(dropped.getMessage()).isEqualTo("anthropic connection: EOFException: \\n not found [request req_1]");
    }

    @Test
    void retryAfterReadsMillisecondsSecondsAndHttpDates() {
        var retryAfter = new RetryAfter(CLOCK);

        assertThat(retryAfter.from(Headers.of("retry-after", "7"))).contains(Duration.ofSeconds(7));
        assertThat(retryAfter.from(Headers.of("retry-after", "1.5"))).contains(Duration.ofMillis(1500));
        assertThat(retryAfter.from(Headers.of("retry-after-ms", "1200", "retry-after", "2")))
                .contains(Duration.ofMillis(1200));
        assertThat(retryAfter.from(Headers.of("retry-after", "Thu, 01 Jan 2026 12:00:30 GMT")))
                .contains(Duration.ofSeconds(30));
        assertThat(retryAfter.from(Headers.of("retry-after", "Thu, 01 Jan 2026 11:00:00 GMT")))
                .contains(Duration.ZERO);
        assertThat(retryAfter.from(Headers.of("retry-after", "soon"))).isEmpty();
        assertThat(retryAfter.from(Headers.of("retry-after", "-3"))).isEmpty();
        assertThat(retryAfter.from(Headers.of())).isEmpty();
    }

    @Test
    void redactsTheKeyAndKeyShapedText() {
        assertThat(errors.redact("bad key sk-ant-api03-SECRETSECRET and sk-ant-admin01-xyz."))
                .isEqualTo("bad key [redacted] and sk-ant-[redacted]")
                .doesNotContain("SECRET");
    }

    @Test
    void errorEventWithoutRequestIdTakesTheOneInTheEnvelope() throws Exception {
        var envelope = new ObjectMapper()
                .readTree("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"},"
                        + "\"request_id\":\"req_in_body\"}");

        var failure = errors.fromStreamError(envelope, null);

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE);
        assertThat(failure.getMessage())
                .isEqualTo("anthropic unavailable (api_error): error after HTTP 200: boom [request req_in_body]");
    }

    @Test
    void emptyErrorBodyIsDescribedByItsStatus() {
        var failure = errors.fromHttp(503, Headers.of("retry-after", "4"), "");

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(4));
        assertThat(failure.getMessage()).isEqualTo("anthropic unavailable (HTTP 503): HTTP 503 with an empty body");
    }
}
