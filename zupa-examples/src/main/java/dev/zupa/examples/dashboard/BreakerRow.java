package dev.zupa.examples.dashboard;

/** A provider's circuit breaker ({@code closed}, {@code half-open} or {@code open}) and its calls so far. */
record BreakerRow(String provider, String state, long calls, long errors) {

    /** The share of calls that failed, from 0 to 1; 0 before the first call. */
    double errorRate() {
        return calls == 0 ? 0 : (double) errors / calls;
    }

    /** The state a {@code zupa.breaker.state} gauge codes as 0, 1 or 2. */
    static String state(double code) {
        if (code >= 2) {
            return "open";
        }
        return code >= 1 ? "half-open" : "closed";
    }
}
