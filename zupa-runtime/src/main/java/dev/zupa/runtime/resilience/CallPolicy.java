package dev.zupa.runtime.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How one kind of provider is called: each attempt under a timeout that cancels it; transient failures retried with
 * exponential backoff (doubling from {@code backoff} up to {@code maxBackoff}, with ±25% jitter, and never shorter
 * than a provider's {@code retry-after}); no attempt started once {@code maxElapsed} has passed since the first, so a
 * slow provider cannot hold a turn for retries × timeout; and a {@link BreakerPolicy circuit breaker}.
 *
 * <pre>{@code
 * CallPolicy model = CallPolicy.defaults(ProviderRole.MODEL).toBuilder()
 *         .timeout(Duration.ofSeconds(20))
 *         .maxRetries(1)
 *         .build();
 * }</pre>
 *
 * @param timeout the time one attempt may take
 * @param maxRetries how many times a transient failure is tried again (0 for one attempt only)
 * @param backoff the wait before the first retry
 * @param maxBackoff the longest wait between attempts, a {@code retry-after} included; a provider asking for longer
 *     fails the call at once
 * @param maxElapsed the time after the first attempt began past which no new attempt starts
 * @param breaker the circuit breaker; never null
 * @since 0.1
 */
public record CallPolicy(
        Duration timeout,
        int maxRetries,
        Duration backoff,
        Duration maxBackoff,
        Duration maxElapsed,
        BreakerPolicy breaker) {

    /** Validates the policy. */
    public CallPolicy {
        positive(timeout, "timeout");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
        }
        positive(backoff, "backoff");
        positive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be shorter than backoff (" + backoff + ")");
        }
        positive(maxElapsed, "maxElapsed");
        Objects.requireNonNull(breaker, "breaker");
    }

    /**
     * The default policy of a role.
     *
     * <table>
     *   <caption>Defaults</caption>
     *   <tr><th>role</th><th>timeout</th><th>retries</th><th>max elapsed</th><th>breaker</th></tr>
     *   <tr><td>model</td><td>30 s</td><td>2</td><td>45 s</td><td>default</td></tr>
     *   <tr><td>speech-to-text</td><td>15 s</td><td>1</td><td>20 s</td><td>default</td></tr>
     *   <tr><td>text-to-speech</td><td>15 s</td><td>1</td><td>20 s</td><td>default</td></tr>
     *   <tr><td>transport</td><td>15 s</td><td>2</td><td>30 s</td><td>default</td></tr>
     *   <tr><td>tool</td><td>10 s</td><td>0</td><td>10 s</td><td>default, per tool</td></tr>
     * </table>
     *
     * <p>All start backing off at 250 ms, up to 8 s. Tools are not retried: a tool may have side effects, and its
     * error goes back to the model, which may call it again.
     *
     * @param role the role; never null
     * @return its default policy; never null
     */
    public static CallPolicy defaults(ProviderRole role) {
        var builder = new Builder();
        var chosen =
                switch (Objects.requireNonNull(role, "role")) {
                    case MODEL ->
                        builder.timeout(Duration.ofSeconds(30)).maxRetries(2).maxElapsed(Duration.ofSeconds(45));
                    case SPEECH_TO_TEXT, TEXT_TO_SPEECH ->
                        builder.timeout(Duration.ofSeconds(15)).maxRetries(1).maxElapsed(Duration.ofSeconds(20));
                    case TRANSPORT ->
                        builder.timeout(Duration.ofSeconds(15)).maxRetries(2).maxElapsed(Duration.ofSeconds(30));
                    case TOOL ->
                        builder.timeout(Duration.ofSeconds(10)).maxRetries(0).maxElapsed(Duration.ofSeconds(10));
                };
        return chosen.build();
    }

    /**
     * A builder starting from these values.
     *
     * @return a new builder; never null
     */
    public Builder toBuilder() {
        return new Builder()
                .timeout(timeout)
                .maxRetries(maxRetries)
                .backoff(backoff)
                .maxBackoff(maxBackoff)
                .maxElapsed(maxElapsed)
                .breaker(breaker);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Builds a {@link CallPolicy}; values are checked by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Duration timeout = Duration.ofSeconds(30);
        private int maxRetries = 2;
        private Duration backoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration maxElapsed = Duration.ofSeconds(45);
        private BreakerPolicy breaker = BreakerPolicy.defaults();

        private Builder() {}

        /**
         * Sets the time one attempt may take.
         *
         * @param value positive
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /**
         * Sets how many times a transient failure is tried again.
         *
         * @param value not negative
         * @return this builder
         */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /**
         * Sets the wait before the first retry.
         *
         * @param value positive
         * @return this builder
         */
        public Builder backoff(Duration value) {
            this.backoff = Objects.requireNonNull(value, "backoff");
            return this;
        }

        /**
         * Sets the longest wait between attempts.
         *
         * @param value positive, not shorter than the backoff
         * @return this builder
         */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = Objects.requireNonNull(value, "maxBackoff");
            return this;
        }

        /**
         * Sets the time past which no new attempt starts.
         *
         * @param value positive
         * @return this builder
         */
        public Builder maxElapsed(Duration value) {
            this.maxElapsed = Objects.requireNonNull(value, "maxElapsed");
            return this;
        }

        /**
         * Sets the circuit breaker.
         *
         * @param value never null; {@link BreakerPolicy#disabled()} for none
         * @return this builder
         */
        public Builder breaker(BreakerPolicy value) {
            this.breaker = Objects.requireNonNull(value, "breaker");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy; never null
         * @throws IllegalArgumentException naming the first value out of range
         */
        public CallPolicy build() {
            return new CallPolicy(timeout, maxRetries, backoff, maxBackoff, maxElapsed, breaker);
        }
    }
}
