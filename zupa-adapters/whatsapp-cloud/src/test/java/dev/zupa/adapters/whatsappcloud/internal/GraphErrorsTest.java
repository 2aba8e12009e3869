package dev.zupa.adapters.whatsappcloud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.provider.ProviderErrorKind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The error mapping table of PROVIDERS.md section 3.7, case by case; classification by code, not HTTP status. */
class GraphErrorsTest {
    private static final String TOKEN = "EAAzupaTestAccessToken0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);
    private final GraphErrors errors = new GraphErrors(TOKEN, CLOCK);

    static Stream<Arguments> table() {
        return Stream.of(
                // code, HTTP status seen in the wild, kind, transient
                Arguments.of(130429, 400, ProviderErrorKind.RATE_LIMITED, true),
                Arguments.of(130429, 429, ProviderErrorKind.RATE_LIMITED, true),
                Arguments.of(131056, 400, ProviderErrorKind.RATE_LIMITED, true),
                Arguments.of(4, 400, ProviderErrorKind.RATE_LIMITED, true),
                Arguments.of(17, 400, ProviderErrorKind.RATE_LIMITED, true),
                Arguments.of(613, 400, ProviderErrorKind.RATE_LIMITED, true),
                Arguments.of(80007, 400, ProviderErrorKind.RATE_LIMITED, true),
                Arguments.of(131048, 400, ProviderErrorKind.QUOTA_EXHAUSTED, false),
                Arguments.of(131047, 400, ProviderErrorKind.BAD_REQUEST, false),
                Arguments.of(131026, 400, ProviderErrorKind.BAD_REQUEST, false),
                Arguments.of(131049, 400, ProviderErrorKind.CONTENT_REFUSED, false),
                Arguments.of(131009, 400, ProviderErrorKind.BAD_REQUEST, false),
                Arguments.of(100, 400, ProviderErrorKind.BAD_REQUEST, false),
                Arguments.of(100, 500, ProviderErrorKind.BAD_REQUEST, false),
                Arguments.of(190, 401, ProviderErrorKind.AUTHENTICATION, false),
                Arguments.of(0, 401, ProviderErrorKind.AUTHENTICATION, false),
                Arguments.of(1, 500, ProviderErrorKind.UNAVAILABLE, true),
                Arguments.of(2, 503, ProviderErrorKind.UNAVAILABLE, true),
                // codes the table does not know fall back on the HTTP status
                Arguments.of(131000, 500, ProviderErrorKind.UNAVAILABLE, true),
                Arguments.of(10, 403, ProviderErrorKind.AUTHENTICATION, false),
                Arguments.of(132000, 400, ProviderErrorKind.BAD_REQUEST, false),
                Arguments.of(999999, 429, ProviderErrorKind.RATE_LIMITED, true));
    }

    @ParameterizedTest(name = "code {0} with HTTP {1} -> {2}")
    @MethodSource("table")
    void mapsTheGraphErrorCode(int code, int status, ProviderErrorKind kind, boolean retryable) {
        String body = "{\"error\":{\"message\":\"(#" + code + ") some error\",\"type\":\"OAuthException\",\"code\":"
                + code + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"details of " + code
                + "\"},\"fbtrace_id\":\"AtraceId\"}}";

        var failure = errors.fromHttp(status, Headers.of(), body);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.retryable()).isEqualTo(retryable);
        assertThat(failure.code()).contains(String.valueOf(code));
        assertThat(failure.status()).contains(status);
        assertThat(failure.requestId()).contains("AtraceId");
        assertThat(failure.vendor()).isEqualTo("whatsapp-cloud");
        assertThat(failure.getMessage()).contains("(#" + code + ") some error: details of " + code);
    }

    @Test
    void documentedRateLimitEnvelopeWithoutSubcodeReliance() {
        String body = "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\","
                + "\"code\":130429,\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"too many\"},"
                + "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";

        var failure = errors.fromHttp(400, Headers.of(), body);

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.getMessage())
                .isEqualTo("whatsapp-cloud rate_limited (HTTP 400, 130429): (#130429) Rate limit hit: too many"
                        + " [request Az8or2yhqkZfEZ-_4Qn_Bam]");
    }

    @Test
    void retryAfterHeaderInSecondsOrAsDate() {
        String body = "{\"error\":{\"message\":\"(#80007) Rate limit issues\",\"code\":80007}}";

        assertThat(errors.fromHttp(400, Headers.of("Retry-After", "30"), body).retryAfter())
                .contains(Duration.ofSeconds(30));
        assertThat(errors.fromHttp(400, Headers.of("Retry-After", "Fri, 02 Jan 2026 00:01:00 GMT"), body)
                        .retryAfter())
                .contains(Duration.ofMinutes(1));
        assertThat(errors.fromHttp(400, Headers.of("Retry-After", "soon"), body).retryAfter())
                .isEmpty();
    }

    @Test
    void pairRateLimitWaitsMetasPaceWithoutAHeader() {
        String body = "{\"error\":{\"message\":\"(#131056) Pair rate limit hit\",\"code\":131056}}";

        assertThat(errors.fromHttp(400, Headers.of(), body).retryAfter()).contains(Duration.ofSeconds(6));
        assertThat(errors.fromHttp(400, Headers.of("Retry-After", "9"), body).retryAfter())
                .contains(Duration.ofSeconds(9));
    }

    @Test
    void terminalErrorsCarryNoRetryAfter() {
        String body = "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}";

        assertThat(errors.fromHttp(401, Headers.of("Retry-After", "30"), body).retryAfter())
                .isEmpty();
    }

    @Test
    void codeAsStringIsRead() {
        var failure = errors.fromHttp(400, Headers.of(), "{\"error\":{\"message\":\"x\",\"code\":\"130429\"}}");

        assertThat(failure.kind()).isEqualTo(ProviderErrorKind.RATE_LIMITED);
    }

    @Test
    void nonJsonBodiesAreClassifiedByStatus() {
        var gateway = errors.fromHttp(502, Headers.of("x-fb-trace-id", "Hdr1"), "<html>Bad Gateway</html>");

        assertThat(gateway.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE);
        assertThat(gateway.code()).isEmpty();
        assertThat(gateway.requestId()).contains("Hdr1");
        assertThat(errors.fromHttp(401, Headers.of(), "").kind()).isEqualTo(ProviderErrorKind.AUTHENTICATION);
        assertThat(errors.fromHttp(408, Headers.of(), "").kind()).isEqualTo(ProviderErrorKind.TIMEOUT);
        assertThat(errors.fromHttp(404, Headers.of(), "{}").kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
    }

    @Test
    void accessTokenIsRedactedFromMessages() {
        String body = "{\"error\":{\"message\":\"Malformed access token " + TOKEN + "\",\"code\":190,"
                + "\"fbtrace_id\":\"t" + TOKEN + "\"}}";

        var failure = errors.fromHttp(401, Headers.of(), body);

        assertThat(failure.getMessage()).doesNotContain(TOKEN).contains("[redacted]");
        assertThat(failure.requestId().orElseThrow()).doesNotContain(TOKEN);
        assertThat(errors.fromIo(new IOException("refused for " + TOKEN)).getMessage())
                .doesNotContain(TOKEN);
    }

    @Test
    void ioFailuresAreTransient() {
        assertThat(errors.fromIo(new SocketTimeoutException("read timed out")).kind())
                .isEqualTo(ProviderErrorKind.TIMEOUT);
        assertThat(errors.fromIo(new IOException("connection reset")).kind()).isEqualTo(ProviderErrorKind.CONNECTION);
    }

    @Test
    void tableListsEveryDocumentedCode() {
        assertThat(GraphErrors.KINDS)
                .containsKeys(130429, 131056, 131048, 4, 80007, 131047, 131026, 131049, 131009, 100, 190, 0, 1, 2);
        assertThat(Map.copyOf(GraphErrors.KINDS)).hasSize(GraphErrors.KINDS.size());
        assertThat(Optional.ofNullable(GraphErrors.KINDS.get(131047))).contains(ProviderErrorKind.BAD_REQUEST);
    }
}
