package dev.zupa.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds an agent works within: rates, concurrency, memory, tool rounds and the time each provider call may take.
 *
 * @param messagesPerUserPerMinute how many messages one user may send per minute before being told to slow down
 * @param maxConcurrentTurns how many turns run at once, over all sessions
 * @param overloadPolicy what happens to a message beyond {@code maxConcurrentTurns}; never null
 * @param debounce how long a turn waits after the first message for more from the same user, which it then answers
 *     together (double-texting); zero to start at once
 * @param maxWorkingMemory how many earlier messages (user and assistant) a model request holds
 * @param maxToolRounds how many rounds of tool calls one turn may make
 * @param sessionIdleTimeout how long a session may stay without activity before the next message starts a new one
 * @param modelTimeout the time one model call may take
 * @param speechToTextTimeout the time one transcription may take
 * @param textToSpeechTimeout the time one speech synthesis may take
 * @param toolTimeout the time one tool call may take, unless the tool sets its own
 * @param sendTimeout the time one transport send may take
 * @param modelRetries how many times a model call failing with a transient error is retried
 * @since 0.1
 */
public record Limits(
        int messagesPerUserPerMinute,
        int maxConcurrentTurns,
        OverloadPolicy overloadPolicy,
        Duration debounce,
        int maxWorkingMemory,
        int maxToolRounds,
        Duration sessionIdleTimeout,
        Duration modelTimeout,
        Duration speechToTextTimeout,
        Duration textToSpeechTimeout,
        Duration toolTimeout,
        Duration sendTimeout,
        int modelRetries) {

    /** Validates the limits. */
    public Limits {
        positive(messagesPerUserPerMinute, "messagesPerUserPerMinute");
        positive(maxConcurrentTurns, "maxConcurrentTurns");
        Objects.requireNonNull(overloadPolicy, "overloadPolicy");
        notNegative(debounce, "debounce");
        positive(maxWorkingMemory, "maxWorkingMemory");
        positive(maxToolRounds, "maxToolRounds");
        positive(sessionIdleTimeout, "sessionIdleTimeout");
        positive(modelTimeout, "modelTimeout");
        positive(speechToTextTimeout, "speechToTextTimeout");
        positive(textToSpeechTimeout, "textToSpeechTimeout");
        positive(toolTimeout, "toolTimeout");
        positive(sendTimeout, "sendTimeout");
        if (modelRetries < 0) {
            throw new IllegalArgumentException("modelRetries must not be negative, got " + modelRetries);
        }
    }

    /**
     * The defaults: 20 messages per user per minute, 32 concurrent turns queued beyond that, no debounce, 20 messages
     * of working memory, 5 tool rounds, sessions idle for 15 minutes end; model 30 s, speech 15 s each way, tools
     * 10 s, sends 15 s; 2 model retries.
     *
     * @return the defaults; never null
     */
    public static Limits defaults() {
        return new Limits(
                20,
                32,
                OverloadPolicy.QUEUE,
                Duration.ZERO,
                20,
                5,
                Duration.ofMinutes(15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(15),
                Duration.ofSeconds(15),
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                2);
    }

    /**
     * A copy with another per-user rate.
     *
     * @param perMinute messages per user per minute; positive
     * @return the copy; never null
     */
    public Limits withMessagesPerUserPerMinute(int perMinute) {
        return new Limits(
                perMinute,
                maxConcurrentTurns,
                overloadPolicy,
                debounce,
                maxWorkingMemory,
                maxToolRounds,
                sessionIdleTimeout,
                modelTimeout,
                speechToTextTimeout,
                textToSpeechTimeout,
                toolTimeout,
                sendTimeout,
                modelRetries);
    }

    /**
     * A copy with another concurrency bound and overload policy.
     *
     * @param turns the number of turns that may run at once; positive
     * @param policy what happens beyond it; never null
     * @return the copy; never null
     */
    public Limits withMaxConcurrentTurns(int turns, OverloadPolicy policy) {
        return new Limits(
                messagesPerUserPerMinute,
                turns,
                policy,
                debounce,
                maxWorkingMemory,
                maxToolRounds,
                sessionIdleTimeout,
                modelTimeout,
                speechToTextTimeout,
                textToSpeechTimeout,
                toolTimeout,
                sendTimeout,
                modelRetries);
    }

    /**
     * A copy with another debounce window.
     *
     * @param window how long to wait for more messages; not negative
     * @return the copy; never null
     */
    public Limits withDebounce(Duration window) {
        return new Limits(
                messagesPerUserPerMinute,
                maxConcurrentTurns,
                overloadPolicy,
                window,
                maxWorkingMemory,
                maxToolRounds,
                sessionIdleTimeout,
                modelTimeout,
                speechToTextTimeout,
                textToSpeechTimeout,
                toolTimeout,
                sendTimeout,
                modelRetries);
    }

    /**
     * A copy with another working memory size.
     *
     * @param messages how many earlier messages a request holds; positive
     * @return the copy; never null
     */
    public Limits withMaxWorkingMemory(int messages) {
        return new Limits(
                messagesPerUserPerMinute,
                maxConcurrentTurns,
                overloadPolicy,
                debounce,
                messages,
                maxToolRounds,
                sessionIdleTimeout,
                modelTimeout,
                speechToTextTimeout,
                textToSpeechTimeout,
                toolTimeout,
                sendTimeout,
                modelRetries);
    }

    /**
     * A copy with another tool round cap.
     *
     * @param rounds the cap; positive
     * @return the copy; never null
     */
    public Limits withMaxToolRounds(int rounds) {
        return new Limits(
                messagesPerUserPerMinute,
                maxConcurrentTurns,
                overloadPolicy,
                debounce,
                maxWorkingMemory,
                rounds,
                sessionIdleTimeout,
                modelTimeout,
                speechToTextTimeout,
                textToSpeechTimeout,
                toolTimeout,
                sendTimeout,
                modelRetries);
    }

    /**
     * A copy with another session idle timeout.
     *
     * @param timeout the timeout; positive
     * @return the copy; never null
     */
    public Limits withSessionIdleTimeout(Duration timeout) {
        return new Limits(
                messagesPerUserPerMinute,
                maxConcurrentTurns,
                overloadPolicy,
                debounce,
                maxWorkingMemory,
                maxToolRounds,
                timeout,
                modelTimeout,
                speechToTextTimeout,
                textToSpeechTimeout,
                toolTimeout,
                sendTimeout,
                modelRetries);
    }

    /**
     * A copy with other provider timeouts.
     *
     * @param model a model call; positive
     * @param speechToText a transcription; positive
     * @param textToSpeech a synthesis; positive
     * @param tool a tool call; positive
     * @return the copy; never null
     */
    public Limits withTimeouts(Duration model, Duration speechToText, Duration textToSpeech, Duration tool) {
        return new Limits(
                messagesPerUserPerMinute,
                maxConcurrentTurns,
                overloadPolicy,
                debounce,
                maxWorkingMemory,
                maxToolRounds,
                sessionIdleTimeout,
                model,
                speechToText,
                textToSpeech,
                tool,
                sendTimeout,
                modelRetries);
    }

    /**
     * A copy with another number of model retries.
     *
     * @param retries retries after the first attempt; not negative
     * @return the copy; never null
     */
    public Limits withModelRetries(int retries) {
        return new Limits(
                messagesPerUserPerMinute,
                maxConcurrentTurns,
                overloadPolicy,
                debounce,
                maxWorkingMemory,
                maxToolRounds,
                sessionIdleTimeout,
                modelTimeout,
                speechToTextTimeout,
                textToSpeechTimeout,
                toolTimeout,
                sendTimeout,
                retries);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
