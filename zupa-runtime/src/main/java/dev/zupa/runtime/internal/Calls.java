package dev.zupa.runtime.internal;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Provider calls with a timeout that cancels the call, and bounded retries of transient errors only.
 *
 * <p>The timeout applies to each attempt, not to the retries with their waits: a slow first attempt does not eat the
 * time of the second.
 */
final class Calls {
    private final Duration backoff;

    Calls(Duration backoff) {
        this.backoff = backoff;
    }

    /** Runs a call on a virtual thread; after the timeout it is interrupted and a TIMEOUT error is thrown. */
    static <T> T withTimeout(String vendor, String what, Duration timeout, Callable<T> call) {
        var task = new FutureTask<>(call);
        var thread = Thread.ofVirtual().name("zupa-call-" + what).start(task);
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw ProviderException.builder(
                            ProviderErrorKind.TIMEOUT, vendor, what + " timed out after " + Durations.text(timeout))
                    .build();
        } catch (InterruptedException e) {
            task.cancel(true);
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed: " + cause, cause);
        }
    }

    /** Runs a call with a timeout per attempt and up to {@code retries} retries of transient provider errors. */
    <T> T withRetries(String vendor, String what, Duration timeout, int retries, Callable<T> call) {
        var config = RetryConfig.<T>custom()
                .maxAttempts(retries + 1)
                .retryOnException(e -> e instanceof ProviderException p && p.retryable())
                .intervalBiFunction((attempt, outcome) -> {
                    var base = IntervalFunction.ofExponentialRandomBackoff(backoff, 2.0, 0.25)
                            .apply(attempt);
                    // a vendor's retry-after is honoured when it asks for longer than the backoff
                    if (outcome.isLeft() && outcome.getLeft() instanceof ProviderException p) {
                        return p.retryAfter()
                                .map(Duration::toMillis)
                                .filter(ms -> ms > base)
                                .orElse(base);
                    }
                    return base;
                })
                .build();
        var retry = Retry.of(what, config);
        try {
            return retry.executeCallable(() -> withTimeout(vendor, what, timeout, call));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        }
    }
}
