package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetryAndTimeoutTest {
    static final Channel<Integer, Integer> ATTEMPT = Channel.lastValue("attempt", Integer.class);
    static final RetryPolicy THREE_QUICK = RetryPolicy.attempts(3).backoff(Duration.ZERO, 1, Duration.ZERO, 0);

    private static Graph single(Node node, NodeOptions options) {
        return builder()
                .channel(ATTEMPT)
                .node("work", node, options)
                .edge(Graph.START, "work")
                .edge("work", Graph.END)
                .build();
    }

    @Test
    void retriesAFailingNodeUntilItSucceeds() {
        var calls = new AtomicInteger();
        var graph = single(
                ctx -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new IllegalStateException("transient " + ctx.attempt());
                    }
                    ctx.write(ATTEMPT, ctx.attempt());
                },
                NodeOptions.defaults().retry(THREE_QUICK));

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(outcome.state().get(ATTEMPT)).isEqualTo(3);
        assertThat(calls).hasValue(3);
    }

    @Test
    void failsAfterTheLastAttempt() {
        var calls = new AtomicInteger();
        var graph = single(
                ctx -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("always");
                },
                NodeOptions.defaults().retry(THREE_QUICK));

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("after 3 attempts");
        assertThat(calls).hasValue(3);
    }

    @Test
    void writesOfAFailedAttemptAreDiscarded() {
        var graph = single(
                ctx -> {
                    ctx.write(ATTEMPT, ctx.attempt());
                    if (ctx.attempt() == 1) {
                        throw new IllegalStateException("first attempt writes, then fails");
                    }
                },
                NodeOptions.defaults().retry(THREE_QUICK));

        assertThat(graph.invoke(Input.none(), "t").state().get(ATTEMPT)).isEqualTo(2);
    }

    @Test
    void doesNotRetryFailuresTheFilterRejects() {
        var calls = new AtomicInteger();
        var graph = single(
                ctx -> {
                    calls.incrementAndGet();
                    throw new UncheckedIOException(new IOException("disk"));
                },
                NodeOptions.defaults().retry(THREE_QUICK.retryOn(IllegalStateException.class)));

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("after 1 attempt:")
                .cause()
                .isInstanceOf(UncheckedIOException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void retriesFailuresTheFilterAccepts() {
        var calls = new AtomicInteger();
        var graph = single(
                ctx -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("retry me");
                    }
                    ctx.write(ATTEMPT, ctx.attempt());
                },
                NodeOptions.defaults().retry(THREE_QUICK.retryOn(RuntimeException.class)));

        assertThat(graph.invoke(Input.none(), "t").state().get(ATTEMPT)).isEqualTo(2);
    }

    @Test
    void timesOutAnAttemptThatRunsTooLong() throws InterruptedException {
        var never = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        var graph = single(
                ctx -> {
                    try {
                        never.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                },
                NodeOptions.defaults().timeout(Duration.ofMillis(50)));

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("node 'work'")
                .cause()
                .isInstanceOf(NodeTimeoutException.class)
                .hasMessageContaining("node 'work' did not finish within PT0.05S");
        // the timed-out attempt is interrupted, not left running
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void retriesATimedOutAttempt() {
        var never = new CountDownLatch(1);
        var graph = single(
                ctx -> {
                    if (ctx.attempt() == 1) {
                        never.await(20, TimeUnit.SECONDS);
                    }
                    ctx.write(ATTEMPT, ctx.attempt());
                },
                NodeOptions.defaults()
                        .timeout(Duration.ofMillis(50))
                        .retry(THREE_QUICK.retryOn(NodeTimeoutException.class)));

        assertThat(graph.invoke(Input.none(), "t").state().get(ATTEMPT)).isEqualTo(2);
    }

    @Test
    void aTimedOutAttemptCannotWriteAfterwards() throws InterruptedException {
        var release = new CountDownLatch(1);
        var lateWrite = new CountDownLatch(1);
        var lateFailure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var graph = single(
                ctx -> {
                    if (ctx.attempt() == 1) {
                        try {
                            release.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException ignored) {
                            // keep going, as badly behaved code does
                        }
                        try {
                            ctx.write(ATTEMPT, 99);
                        } catch (IllegalStateException e) {
                            lateFailure.set(e);
                        }
                        lateWrite.countDown();
                        return;
                    }
                    ctx.write(ATTEMPT, ctx.attempt());
                },
                NodeOptions.defaults().timeout(Duration.ofMillis(50)).retry(THREE_QUICK));

        var outcome = graph.invoke(Input.none(), "t");

        assertThat(lateWrite.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(outcome.state().get(ATTEMPT)).isEqualTo(2);
        assertThat(lateFailure.get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its context can no longer be used");
    }

    @Test
    void policyValidatesItsArguments() {
        assertThatThrownBy(() -> RetryPolicy.attempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts must be at least 1, was 0");
        assertThatThrownBy(() -> THREE_QUICK.backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 <= initial <= max");
        assertThatThrownBy(() -> NodeOptions.defaults().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
    }

    @Test
    void backoffGrowsExponentiallyUpToTheMaximum() {
        var policy = RetryPolicy.attempts(5).backoff(Duration.ofMillis(100), 2, Duration.ofMillis(300), 0);

        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMillis(300));
    }
}
