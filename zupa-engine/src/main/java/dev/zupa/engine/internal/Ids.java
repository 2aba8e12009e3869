package dev.zupa.engine.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Default checkpoint ids: 12 hex digits of milliseconds, 4 of a per-process sequence, 12 random. They sort by time
 * within a process, are unique across processes without coordination, and cost no {@code SecureRandom}.
 */
public final class Ids implements Supplier<String> {
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public String get() {
        long millis = System.currentTimeMillis();
        long seq = sequence.getAndIncrement() & 0xFFFF;
        long random = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        var text = new StringBuilder(28);
        hex(text, millis, 12);
        hex(text, seq, 4);
        hex(text, random, 12);
        return text.toString();
    }

    private static void hex(StringBuilder out, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((int) (value >>> shift) & 0xF, 16));
        }
    }
}
