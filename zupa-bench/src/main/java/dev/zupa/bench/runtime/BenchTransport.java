package dev.zupa.bench.runtime;

import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.Transport;
import dev.zupa.core.transport.TransportContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * An in-process transport for the load harness: a user thread hands a message to the runtime with
 * {@link #exchange} and waits for the reply, which {@link #send} time-stamps. It keeps no state per user beyond the
 * one reply a user waits for.
 */
final class BenchTransport implements Transport {
    static final String NAME = "bench";

    private final ConcurrentHashMap<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    private final LongAdder sends = new LongAdder();
    private final LongAdder strays = new LongAdder();
    private final AtomicLong ids = new AtomicLong();
    private volatile @Nullable TransportContext context;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(TransportContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Delivers one message from a user and waits for the reply.
     *
     * @return nanoseconds from the call to {@code deliver} to the runtime's {@code send} of the reply
     */
    long exchange(String user, String text, Duration timeout) throws InterruptedException {
        var started = context;
        if (started == null) {
            throw new IllegalStateException("the transport is not started");
        }
        var reply = new CompletableFuture<Long>();
        if (waiting.putIfAbsent(user, reply) != null) {
            throw new IllegalStateException(user + " already waits for a reply");
        }
        long t0 = System.nanoTime();
        started.deliver(InboundMessage.text(NAME, "m" + ids.incrementAndGet(), user, text, Instant.now()));
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS) - t0;
        } catch (TimeoutException e) {
            waiting.remove(user, reply);
            throw new IllegalStateException("no reply to " + user + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Delivery send(OutboundMessage message) {
        long now = System.nanoTime();
        sends.increment();
        var reply = waiting.remove(message.to());
        if (reply == null) {
            strays.increment();
        } else {
            reply.complete(now);
        }
        return Delivery.accepted();
    }

    long sends() {
        return sends.sum();
    }

    /** Replies nobody waited for: a duplicate, or a second reply to one message. */
    long strays() {
        return strays.sum();
    }

    @Override
    public AudioClip download(MediaRef media) {
        throw new UnsupportedOperationException("the bench transport has no media");
    }

    @Override
    public void close() {
        context = null;
    }
}
