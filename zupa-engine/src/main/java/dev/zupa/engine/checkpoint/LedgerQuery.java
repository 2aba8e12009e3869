package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which ledger entries to read: filters are combined with "and"; results come in {@link LedgerEntry#sequence()
 * sequence} order (commit order), after a sequence number, for paging. Page through a result by passing the last
 * entry's sequence to {@link #after(long)}: the order is stable, and entries committed meanwhile only ever come after
 * the ones already read.
 *
 * <pre>{@code
 * var query = LedgerQuery.builder().correlationId("c-42").from(monday).to(tuesday).limit(100).build();
 * for (var page = store.ledger(query); !page.isEmpty(); page = store.ledger(query.after(page.getLast().sequence()))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>A session's entries are its thread's (the runtime stores a session's turns on thread = session id): query them
 * with {@link #thread(ThreadId, int)}. A user's entries are those whose {@link LedgerWrite#subject()} is the user id.
 *
 * @param threadId only this thread's entries (every namespace), or all threads; never null
 * @param types only entries of these types, or all types when empty; never null
 * @param key only entries with this key; never null
 * @param afterSequence only entries with a greater sequence number; 0 to start at the beginning
 * @param limit at most this many; positive
 * @param correlationId only entries with this correlation id; never null
 * @param subject only entries with this subject; never null
 * @param from only entries recorded at or after this instant; never null
 * @param to only entries recorded before this instant; never null
 * @since 0.1
 */
public record LedgerQuery(
        Optional<ThreadId> threadId,
        Set<String> types,
        Optional<String> key,
        long afterSequence,
        int limit,
        Optional<String> correlationId,
        Optional<String> subject,
        Optional<Instant> from,
        Optional<Instant> to) {

    /** Validates the query. */
    public LedgerQuery {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        types = Set.copyOf(types);
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must not be negative, got " + afterSequence);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException("to (" + to.get() + ") must not be before from (" + from.get() + ")");
        }
    }

    /**
     * A query on thread, types and key only.
     *
     * @param threadId only this thread's entries, or all threads; never null
     * @param types only entries of these types, or all types when empty; never null
     * @param key only entries with this key; never null
     * @param afterSequence only entries with a greater sequence number; 0 to start at the beginning
     * @param limit at most this many; positive
     */
    public LedgerQuery(
            Optional<ThreadId> threadId, Set<String> types, Optional<String> key, long afterSequence, int limit) {
        this(
                threadId,
                types,
                key,
                afterSequence,
                limit,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * Starts a query that matches every entry, 100 at a time.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A thread's entries, from the beginning.
     *
     * @param threadId the thread; never null
     * @param limit at most this many; positive
     * @return the query; never null
     */
    public static LedgerQuery thread(ThreadId threadId, int limit) {
        return builder().threadId(threadId).limit(limit).build();
    }

    /**
     * Entries of one type with one key (at most one entry exists).
     *
     * @param type the type; never null
     * @param key the key; never null
     * @return the query; never null
     */
    public static LedgerQuery keyed(String type, String key) {
        return builder().types(Set.of(type)).key(key).limit(1).build();
    }

    /**
     * The same query for the next page.
     *
     * @param sequence the sequence number of the last entry read
     * @return the query; never null
     */
    public LedgerQuery after(long sequence) {
        return toBuilder().afterSequence(sequence).build();
    }

    /**
     * The same query restricted to some types.
     *
     * @param onlyTypes the types; never null
     * @return the query; never null
     */
    public LedgerQuery withTypes(Set<String> onlyTypes) {
        return toBuilder().types(onlyTypes).build();
    }

    /**
     * A builder that starts from this query.
     *
     * @return a new builder; never null
     */
    public Builder toBuilder() {
        var builder = new Builder();
        builder.threadId = threadId.orElse(null);
        builder.types = types;
        builder.key = key.orElse(null);
        builder.afterSequence = afterSequence;
        builder.limit = limit;
        builder.correlationId = correlationId.orElse(null);
        builder.subject = subject.orElse(null);
        builder.from = from.orElse(null);
        builder.to = to.orElse(null);
        return builder;
    }

    /**
     * Whether an entry passes this query's filters (not its page: {@link #afterSequence()} and {@link #limit()} are
     * not checked). For stores that filter in memory.
     *
     * @param entry the entry; never null
     * @return true when every filter accepts it
     */
    public boolean matches(LedgerEntry entry) {
        var write = entry.write();
        return threadId.map(entry.threadId()::equals).orElse(true)
                && (types.isEmpty() || types.contains(write.type()))
                && (key.isEmpty() || key.equals(write.key()))
                && (correlationId.isEmpty() || correlationId.equals(write.correlationId()))
                && (subject.isEmpty() || subject.equals(write.subject()))
                && from.map(f -> !write.recordedAt().isBefore(f)).orElse(true)
                && to.map(t -> write.recordedAt().isBefore(t)).orElse(true);
    }

    /**
     * Builds a {@link LedgerQuery}. Mutable and not thread-safe; every filter is unset (matches all) until set.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable ThreadId threadId;
        private Set<String> types = Set.of();
        private @Nullable String key;
        private long afterSequence;
        private int limit = 100;
        private @Nullable String correlationId;
        private @Nullable String subject;
        private @Nullable Instant from;
        private @Nullable Instant to;

        private Builder() {}

        /**
         * Only this thread's entries (a session's, for the runtime).
         *
         * @param threadId the thread; never null
         * @return this builder; never null
         */
        public Builder threadId(ThreadId threadId) {
            this.threadId = Objects.requireNonNull(threadId, "threadId");
            return this;
        }

        /**
         * Only entries of these types; empty for all types.
         *
         * @param types the types; never null
         * @return this builder; never null
         */
        public Builder types(Set<String> types) {
            this.types = Set.copyOf(Objects.requireNonNull(types, "types"));
            return this;
        }

        /**
         * Only entries with this key.
         *
         * @param key the key; never null
         * @return this builder; never null
         */
        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Only entries with this correlation id.
         *
         * @param correlationId the id; never null
         * @return this builder; never null
         */
        public Builder correlationId(String correlationId) {
            this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
            return this;
        }

        /**
         * Only entries about this subject (a user id, for the runtime).
         *
         * @param subject the subject; never null
         * @return this builder; never null
         */
        public Builder subject(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        /**
         * Only entries recorded at or after this instant.
         *
         * @param from the start, inclusive; never null
         * @return this builder; never null
         */
        public Builder from(Instant from) {
            this.from = Objects.requireNonNull(from, "from");
            return this;
        }

        /**
         * Only entries recorded before this instant.
         *
         * @param to the end, exclusive; never null
         * @return this builder; never null
         */
        public Builder to(Instant to) {
            this.to = Objects.requireNonNull(to, "to");
            return this;
        }

        /**
         * Only entries with a greater sequence number: the last one of the page before. Default 0.
         *
         * @param afterSequence the sequence; not negative
         * @return this builder; never null
         * @throws IllegalArgumentException when negative
         */
        public Builder afterSequence(long afterSequence) {
            if (afterSequence < 0) {
                throw new IllegalArgumentException("afterSequence must not be negative, got " + afterSequence);
            }
            this.afterSequence = afterSequence;
            return this;
        }

        /**
         * At most this many entries per call. Default 100.
         *
         * @param limit positive
         * @return this builder; never null
         * @throws IllegalArgumentException when not positive
         */
        public Builder limit(int limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive, got " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the query; never null
         * @throws IllegalArgumentException when {@code to} is before {@code from}
         */
        public LedgerQuery build() {
            return new LedgerQuery(
                    Optional.ofNullable(threadId),
                    types,
                    Optional.ofNullable(key),
                    afterSequence,
                    limit,
                    Optional.ofNullable(correlationId),
                    Optional.ofNullable(subject),
                    Optional.ofNullable(from),
                    Optional.ofNullable(to));
        }
    }
}
