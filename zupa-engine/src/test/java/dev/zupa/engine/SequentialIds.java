package dev.zupa.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Checkpoint ids {@code cp-000001}, {@code cp-000002}, …: fixed width, so they sort like the order they were made. */
final class SequentialIds implements Supplier<String> {
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public String get() {
        return String.format("cp-%06d", next.incrementAndGet());
    }
}
