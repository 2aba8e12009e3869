package dev.zupa.runtime.internal;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

/**
 * A call under a timeout that cancels it; {@link ProviderCalls} adds the retries and the breaker.
 */
final class Calls {
    private Calls() {}

    /** Runs a call on a virtual thread; after the timeout it is interrupted and a TIMEOUT error is thrown. */
    static <T> T withTimeout(String vendor, String what, Duration timeout, Callable<T> call) {
        // the provider's log lines carry the caller's correlation id
        var context = MDC.getCopyOfContextMap();
        var task = new FutureTask<T>(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            return call.call();
        });
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
}
