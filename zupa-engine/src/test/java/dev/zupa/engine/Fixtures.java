package dev.zupa.engine;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Shared set-up: a fixed clock, sequential ids, and small helpers for nodes. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {}

    /** A builder with a fixed clock, sequential ids and the given store. */
    static Graph.Builder builder(CheckpointStore store) {
        return Graph.builder().checkpointStore(store).clock(CLOCK).ids(new SequentialIds());
    }

    /** A builder with a fixed clock, sequential ids and a fresh in-memory store. */
    static Graph.Builder builder() {
        return builder(CheckpointStore.inMemory());
    }

    /** Waits for a latch inside a node; failing (not hanging) when it is never opened. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("latch was never opened");
        }
    }

    /** The same channel seen with another update type, to write what the compiler would refuse. */
    @SuppressWarnings("unchecked")
    static <U> Channel<?, U> retyped(Channel<?, ?> channel) {
        return (Channel<?, U>) channel;
    }
}
