package dev.zupa.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserRatesTest {

    @Test
    @DisplayName("each user has a rate of their own")
    void ratesArePerUser() {
        var rates = new UserRates(2);
        assertThat(rates.tryAcquire("alice")).isTrue();
        assertThat(rates.tryAcquire("alice")).isTrue();
        assertThat(rates.tryAcquire("alice")).isFalse();
        assertThat(rates.tryAcquire("bob")).isTrue();
        assertThat(rates.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("users active within the last two minutes keep their limiter through a sweep")
    void activeUsersAreKept() {
        var rates = new UserRates(1_000_000);
        for (int i = 0; i < 10_000; i++) {
            rates.tryAcquire("user" + (i % 100));
        }
        // sweeps ran (every 4,096 acquisitions) but every user was active moments ago
        assertThat(rates.size()).isEqualTo(100);
    }
}
