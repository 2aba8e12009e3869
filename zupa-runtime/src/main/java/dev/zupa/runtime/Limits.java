package dev.zupa.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds an agent works within: rates, concurrency, memory, tool rounds and session length. The time and retries
 * of each provider call are set apart, per provider, with {@link dev.zupa.runtime.resilience.CallPolicy}.
 *
 * <pre>{@code
 * Limits limits = Limits.builder().messagesPerUserPerMinute(30).maxConcurrentTurns(64).build();
 * Limits more = limits.toBuilder().maxToolRounds(8).build();
 * }</pre>
 *
 * @param messagesPerUserPerMinute how many messages one user may send per minute before being told to slow down
 * @param maxConcurrentTurns how many turns run at once, over all sessions
 * @param overloadPolicy what happens to a message beyond {@code maxConcurrentTurns}; never null
 * @param debounce how long a turn waits after the first message for more from the same user, which it then answers
 *     together (double-texting); zero to start at once
 * @param maxWorkingMemory how many earlier messages (user and assistant) a model request holds
 * @param maxToolRounds how many rounds of tool calls one turn may make
 * @param sessionIdleTimeout how long a session may stay without activity before the next message starts a new one
 * @since 0.1
 */
public record Limits(
        int messagesPerUserPerMinute,
        int maxConcurrentTurns,
        OverloadPolicy overloadPolicy,
        Duration debounce,
        int maxWorkingMemory,
        int maxToolRounds,
        Duration sessionIdleTimeout) {

    /** Validates the limits. */
    public Limits {
        positive(messagesPerUserPerMinute, "messagesPerUserPerMinute");
        positive(maxConcurrentTurns, "maxConcurrentTurns");
        Objects.requireNonNull(overloadPolicy, "overloadPolicy");
        Objects.requireNonNull(debounce, "debounce");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative, got " + debounce);
        }
        positive(maxWorkingMemory, "maxWorkingMemory");
        positive(maxToolRounds, "maxToolRounds");
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        if (sessionIdleTimeout.isZero() || sessionIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("sessionIdleTimeout must be positive, got " + sessionIdleTimeout);
        }
    }

    /**
     * The defaults: 20 messages per user per minute, 32 concurrent turns queued beyond that, no debounce, 20 messages
     * of working memory, 5 tool rounds, sessions idle for 15 minutes end.
     *
     * @return the defaults; never null
     */
    public static Limits defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the {@link #defaults()}.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these limits.
     *
     * @return a new builder; never null
     */
    public Builder toBuilder() {
        var builder = new Builder();
        builder.messagesPerUserPerMinute = messagesPerUserPerMinute;
        builder.maxConcurrentTurns = maxConcurrentTurns;
        builder.overloadPolicy = overloadPolicy;
        builder.debounce = debounce;
        builder.maxWorkingMemory = maxWorkingMemory;
        builder.maxToolRounds = maxToolRounds;
        builder.sessionIdleTimeout = sessionIdleTimeout;
        return builder;
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Builds {@link Limits}; each setter is checked when {@link #build()} runs. Not thread-safe. */
    public static final class Builder {
        private int messagesPerUserPerMinute = 20;
        private int maxConcurrentTurns = 32;
        private OverloadPolicy overloadPolicy = OverloadPolicy.QUEUE;
        private Duration debounce = Duration.ZERO;
        private int maxWorkingMemory = 20;
        private int maxToolRounds = 5;
        private Duration sessionIdleTimeout = Duration.ofMinutes(15);

        private Builder() {}

        /**
         * Sets the per-user rate.
         *
         * @param perMinute messages per user per minute; positive
         * @return this builder
         */
        public Builder messagesPerUserPerMinute(int perMinute) {
            this.messagesPerUserPerMinute = perMinute;
            return this;
        }

        /**
         * Sets how many turns may run at once.
         *
         * @param turns positive
         * @return this builder
         */
        public Builder maxConcurrentTurns(int turns) {
            this.maxConcurrentTurns = turns;
            return this;
        }

        /**
         * Sets what happens to a message beyond {@link #maxConcurrentTurns(int)}.
         *
         * @param policy never null
         * @return this builder
         */
        public Builder overloadPolicy(OverloadPolicy policy) {
            this.overloadPolicy = Objects.requireNonNull(policy, "overloadPolicy");
            return this;
        }

        /**
         * Sets the debounce window for double-texting.
         *
         * @param window not negative; zero to start turns at once
         * @return this builder
         */
        public Builder debounce(Duration window) {
            this.debounce = Objects.requireNonNull(window, "debounce");
            return this;
        }

        /**
         * Sets how many earlier messages a model request holds.
         *
         * @param messages positive
         * @return this builder
         */
        public Builder maxWorkingMemory(int messages) {
            this.maxWorkingMemory = messages;
            return this;
        }

        /**
         * Sets how many rounds of tool calls one turn may make.
         *
         * @param rounds positive
         * @return this builder
         */
        public Builder maxToolRounds(int rounds) {
            this.maxToolRounds = rounds;
            return this;
        }

        /**
         * Sets how long a session may stay idle.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder sessionIdleTimeout(Duration timeout) {
            this.sessionIdleTimeout = Objects.requireNonNull(timeout, "sessionIdleTimeout");
            return this;
        }

        /**
         * Builds the limits.
         *
         * @return the limits; never null
         * @throws IllegalArgumentException naming the first value out of range
         */
        public Limits build() {
            return new Limits(
                    messagesPerUserPerMinute,
                    maxConcurrentTurns,
                    overloadPolicy,
                    debounce,
                    maxWorkingMemory,
                    maxToolRounds,
                    sessionIdleTimeout);
        }
    }
}
