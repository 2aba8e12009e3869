package dev.zupa.runtime.internal;

import java.time.Duration;

/** Durations as people write them in messages: {@code 2s}, {@code 150ms}. */
final class Durations {
    private Durations() {}

    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
