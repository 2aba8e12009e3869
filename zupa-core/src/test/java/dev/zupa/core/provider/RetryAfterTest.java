package dev.zupa.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void millisecondsComeFirst() {
        assertThat(RetryAfter.parse("1500", "9", CLOCK)).contains(Duration.ofMillis(1500));
    }

    @Test
    void secondsWholeOrFractional() {
        assertThat(RetryAfter.parse(null, "2", CLOCK)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse(null, "0.5", CLOCK)).contains(Duration.ofMillis(500));
    }

    @Test
    void anHttpDateIsAWaitFromNow() {
        assertThat(RetryAfter.parse(null, "Thu, 01 Jan 2026 10:00:30 GMT", CLOCK))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(null, "Thu, 01 Jan 2026 09:00:00 GMT", CLOCK))
                .contains(Duration.ZERO);
    }

    @Test
    void unusableValuesAreIgnored() {
        assertThat(RetryAfter.parse(null, null, CLOCK)).isEmpty();
        assertThat(RetryAfter.parse("-1", " ", CLOCK)).isEmpty();
        assertThat(RetryAfter.parse("NaN", "soon", CLOCK)).isEmpty();
        assertThat(RetryAfter.parse(null, "-3", CLOCK)).isEmpty();
    }
}
