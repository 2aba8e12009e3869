package dev.zupa.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderExceptionTest {
    @Test
    void carriesTheVendorsDetailsAndNamesThemInTheMessage() {
        var error = ProviderException.builder(ProviderErrorKind.RATE_LIMITED, "openai", "slow down")
                .status(429)
                .code("rate_limit_exceeded")
                .requestId("req_1")
                .retryAfter(Duration.ofMillis(1574))
                .build();

        assertThat(error.retryable()).isTrue();
        assertThat(error.status()).contains(429);
        assertThat(error.code()).contains("rate_limit_exceeded");
        assertThat(error.requestId()).contains("req_1");
        assertThat(error.retryAfter()).contains(Duration.ofMillis(1574));
        assertThat(error).hasMessage("openai rate_limited (HTTP 429, rate_limit_exceeded): slow down [request req_1]");
    }

    @Test
    void terminalKindsAreNotRetryable() {
        var error = ProviderException.builder(ProviderErrorKind.QUOTA_EXHAUSTED, "openai", "no credit")
                .status(429)
                .build();

        assertThat(error.retryable()).isFalse();
        assertThat(error.retryAfter()).isEmpty();
        assertThat(ProviderErrorKind.AUTHENTICATION.isTransient()).isFalse();
        assertThat(ProviderErrorKind.OVERLOADED.isTransient()).isTrue();
    }

    @Test
    void aCallWithoutAResponseHasNoStatus() {
        var error = ProviderException.builder(ProviderErrorKind.CONNECTION, "anthropic", "reset by peer")
                .build();

        assertThat(error.status()).isEmpty();
        assertThat(error).hasMessage("anthropic connection: reset by peer");
    }

    @Test
    void rejectsImpossibleValues() {
        var builder = ProviderException.builder(ProviderErrorKind.UNAVAILABLE, "openai", "down");
        assertThatThrownBy(() -> builder.status(42)).hasMessageContaining("was 42");
        assertThatThrownBy(() -> builder.retryAfter(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }
}
