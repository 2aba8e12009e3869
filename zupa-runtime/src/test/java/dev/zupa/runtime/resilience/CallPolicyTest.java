package dev.zupa.runtime.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CallPolicyTest {

    @ParameterizedTest
    @EnumSource(ProviderRole.class)
    @DisplayName("every role has a valid default, bounded in time")
    void defaultsAreValid(ProviderRole role) {
        var policy = CallPolicy.defaults(role);
        assertThat(policy.maxElapsed()).isGreaterThanOrEqualTo(policy.timeout());
        assertThat(policy.breaker().enabled()).isTrue();
        assertThat(policy.toBuilder().build()).isEqualTo(policy);
    }

    @Test
    @DisplayName("tools are not retried by default: they may have side effects")
    void toolsAreNotRetried() {
        assertThat(CallPolicy.defaults(ProviderRole.TOOL).maxRetries()).isZero();
    }

    @Test
    @DisplayName("bad values are refused, naming the value")
    void badValuesAreRefused() {
        var builder = CallPolicy.defaults(ProviderRole.MODEL).toBuilder();
        assertThatThrownBy(() -> builder.timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> CallPolicy.defaults(ProviderRole.MODEL).toBuilder()
                        .maxRetries(-1)
                        .build())
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> CallPolicy.defaults(ProviderRole.MODEL).toBuilder()
                        .backoff(Duration.ofSeconds(10))
                        .maxBackoff(Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new BreakerPolicy(true, 0, 10, 5, Duration.ofSeconds(1), 1))
                .hasMessageContaining("failureRatePercent");
        assertThatThrownBy(() -> new BreakerPolicy(true, 50, 10, 11, Duration.ofSeconds(1), 1))
                .hasMessageContaining("minimumCalls");
    }
}
