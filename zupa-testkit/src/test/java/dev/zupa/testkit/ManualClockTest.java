package dev.zupa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void standsStillUntilMovedThenAdvancesAndSets() {
        var clock = ManualClock.of(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(START.plusSeconds(90));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));

        clock.set(START.minusSeconds(5));

        assertThat(clock.instant()).isEqualTo(START.minusSeconds(5));
    }

    @Test
    void rejectsNegativeAdvance() {
        var clock = ManualClock.of(START);

        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void zonedViewSharesTheTime() {
        var clock = ManualClock.of(START);
        var zagreb = clock.withZone(ZoneId.of("Europe/Zagreb"));

        clock.advance(Duration.ofHours(1));

        assertThat(zagreb.instant()).isEqualTo(START.plusSeconds(3600));
        assertThat(zagreb.getZone()).isEqualTo(ZoneId.of("Europe/Zagreb"));
    }

    @Test
    void concurrentAdvancesAreNotLost() {
        var clock = ManualClock.of(START);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 1000; i++) {
                executor.submit(() -> clock.advance(Duration.ofMillis(1)));
            }
        }

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(1));
    }
}
