package dev.zupa.runtime.management.internal;

import java.time.Duration;
import java.util.List;

/** Percentiles of exact samples by nearest rank, as an SLA report states them: every value is one that happened. */
final class Percentiles {
    private Percentiles() {}

    /** The value at a percentile (0 to 1) of ascending samples; zero when there are none. */
    static Duration nearestRank(List<Duration> ascending, double percentile) {
        if (ascending.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percentile * ascending.size());
        return ascending.get(Math.min(ascending.size(), Math.max(1, rank)) - 1);
    }
}
