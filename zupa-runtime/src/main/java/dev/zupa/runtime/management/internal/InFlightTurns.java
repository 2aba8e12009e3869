package dev.zupa.runtime.management.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages received and not yet answered, by correlation id, and the turns answered whose reply is not yet sent,
 * with the times the latency timers need. Bounded: past the capacity, or past the maximum age (by the agent's clock,
 * from the events' times), the oldest entries are dropped, so a message whose end is never reported (the second message
 * of a double-texted turn that failed) cannot grow the table forever. Thread-safe.
 */
public final class InFlightTurns {
    private final int capacity;
    private final Duration maxAge;
    private final LinkedHashMap<String, Pending> received = new LinkedHashMap<>();
    private final Map<String, String> correlationByMessage = new HashMap<>();
    private final LinkedHashMap<String, Pending> awaitingReply = new LinkedHashMap<>();

    private record Pending(Instant at, String messageId) {}

    /** A table of at most {@code capacity} messages and replies, each kept at most {@code maxAge}. */
    public InFlightTurns(int capacity, Duration maxAge) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.maxAge = maxAge;
    }

    /** A message was stored in the inbox. */
    public synchronized void received(String correlationId, String messageId, Instant at) {
        received.put(correlationId, new Pending(at, messageId));
        correlationByMessage.put(messageId, correlationId);
        evict(received, at);
        evict(awaitingReply, at);
    }

    /**
     * A turn ended: forgets its messages (the first by correlation id, the others of a double-texted turn by message
     * id) and, when a reply follows, waits for it.
     *
     * @return when the turn's first message was received, unless it was dropped or never seen
     */
    public synchronized Optional<Instant> turnEnded(String correlationId, List<String> messageIds, boolean replies) {
        var pending = received.remove(correlationId);
        if (pending != null) {
            correlationByMessage.remove(pending.messageId());
        }
        for (var messageId : messageIds) {
            var other = correlationByMessage.remove(messageId);
            if (other != null) {
                received.remove(other);
            }
        }
        if (pending == null) {
            return Optional.empty();
        }
        if (replies) {
            awaitingReply.put(correlationId, pending);
            trim(awaitingReply);
        }
        return Optional.of(pending.at());
    }

    /** When the message with this correlation id was stored, while its turn has not ended. */
    public synchronized Optional<Instant> receivedAt(String correlationId) {
        return Optional.ofNullable(received.get(correlationId)).map(Pending::at);
    }

    /** A message was rejected: it takes no turn and its reply is not a turn's. */
    public synchronized void rejected(String correlationId) {
        var pending = received.remove(correlationId);
        if (pending != null) {
            correlationByMessage.remove(pending.messageId());
        }
    }

    /**
     * A reply was sent or failed.
     *
     * @return when the message it answers was received, when it is a turn's reply still awaited
     */
    public synchronized Optional<Instant> replied(String correlationId) {
        return Optional.ofNullable(awaitingReply.remove(correlationId)).map(Pending::at);
    }

    /** How many messages are received and not yet answered. */
    public synchronized int size() {
        return received.size();
    }

    private void evict(LinkedHashMap<String, Pending> table, Instant now) {
        var oldest = now.minus(maxAge);
        for (Iterator<Pending> it = table.values().iterator(); it.hasNext(); ) {
            var pending = it.next();
            if (pending.at().isBefore(oldest)) {
                forget(table, pending);
                it.remove();
            } else {
                // insertion order is arrival order, so the rest are younger
                break;
            }
        }
        trim(table);
    }

    private void trim(LinkedHashMap<String, Pending> table) {
        var it = table.values().iterator();
        while (table.size() > capacity && it.hasNext()) {
            forget(table, it.next());
            it.remove();
        }
    }

    private void forget(LinkedHashMap<String, Pending> table, Pending pending) {
        if (table == received) {
            correlationByMessage.remove(pending.messageId());
        }
    }
}
