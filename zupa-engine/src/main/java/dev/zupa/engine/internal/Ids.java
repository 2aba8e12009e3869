package dev.zupa.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Default checkpoint ids: 12 hex digits of milliseconds, 4 of a per-process sequence, 12 random. They sort by time
 * within a process, are unique across processes without coordination, and cost no {@code SecureRandom}.
 */
public final class Ids implements Supplier<String> {
    private final AtomicLong sequence = new AtomicLong();

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String get() {
        long millis = System.currentTimeMillis();
        long seq = sequence.getAndIncrement() & 0xFFFF;
        long random = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        var text = new byte[28];
        hex(text, 0, millis, 12);
        hex(text, 12, seq, 4);
        hex(text, 16, random, 12);
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static void hex(byte[] out, int offset, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[offset + i] = DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
