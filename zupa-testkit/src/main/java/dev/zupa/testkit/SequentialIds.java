package dev.zupa.testkit;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Predictable ids for tests: {@code "id-0001"}, {@code "id-0002"}, … Numbers are padded to four digits and grow past
 * them, so ids sort by creation order up to 9999.
 *
 * <p>Thread-safe: concurrent callers each get a distinct id.
 *
 * @since 0.1
 */
public final class SequentialIds implements Supplier<String> {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    private SequentialIds(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Ids {@code "id-0001"}, {@code "id-0002"}, …
     *
     * @return a new sequence starting at 1; never null
     */
    public static SequentialIds create() {
        return withPrefix("id");
    }

    /**
     * Ids {@code prefix + "-0001"}, …
     *
     * @param prefix the text before the dash; never null or blank
     * @return a new sequence starting at 1; never null
     * @throws IllegalArgumentException when the prefix is blank
     */
    public static SequentialIds withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("prefix must not be blank");
        }
        return new SequentialIds(prefix);
    }

    /**
     * The next id.
     *
     * @return a new id, never returned before by this sequence; never null
     */
    @Override
    public String get() {
        return String.format(Locale.ROOT, "%s-%04d", prefix, counter.incrementAndGet());
    }

    /**
     * How many ids were handed out.
     *
     * @return zero or more
     */
    public long count() {
        return counter.get();
    }
}
