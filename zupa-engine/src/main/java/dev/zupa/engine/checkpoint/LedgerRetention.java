package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of {@link CheckpointStore#purgeLedger(Instant, Clock)}, shared by every store: what a purge removes, and
 * how it records itself. For store implementors; users call the store.
 *
 * <p><b>What is removed.</b> For each thread, the longest run of its oldest entries (by thread sequence) that were all
 * recorded before the cut-off. An entry older than the cut-off that follows a newer one (clocks of two writers
 * disagreeing) stays until everything before it is old enough, so that a purge only ever shortens a chain from its
 * start and verification holds. The thread {@link #AUDIT_THREAD} is never purged: it holds the purges' own records.
 *
 * <p><b>What is recorded.</b> One {@value #PURGED_TYPE} entry in {@link #AUDIT_THREAD}, in the same transaction as the
 * deletion, with the payload {@code {"olderThan":"<ISO-8601>","removed":<count>,"threads":<count>}}, recorded at the
 * clock's instant. A purge that removes nothing is recorded too: the record says retention ran.
 *
 * @since 0.1
 */
public final class LedgerRetention {
    /** The reserved thread that holds the ledger's own audit records, such as purges. Never purged. */
    public static final ThreadId AUDIT_THREAD = ThreadId.of("zupa:audit");

    /** The type of the entry a purge records. */
    public static final String PURGED_TYPE = "ledger.purged";

    private LedgerRetention() {}

    /**
     * Checks a purge's arguments: the cut-off must not lie after the clock's now, which would purge entries recorded
     * a moment ago (the usual cause is passing a retention period's end instead of its start).
     *
     * @param olderThan the cut-off; never null
     * @param clock the clock; never null
     * @return the clock's instant, for the purge record; never null
     * @throws IllegalArgumentException when the cut-off is after now
     */
    public static Instant checkCutOff(Instant olderThan, Clock clock) {
        Objects.requireNonNull(olderThan, "olderThan");
        var now = Objects.requireNonNull(clock, "clock").instant();
        if (olderThan.isAfter(now)) {
            throw new IllegalArgumentException("olderThan must not be after now (" + now + "), was " + olderThan
                    + "; pass now minus the" + " retention period");
        }
        return now;
    }

    /**
     * The entry a purge records in {@link #AUDIT_THREAD}.
     *
     * @param olderThan the cut-off; never null
     * @param removed how many entries the purge removed; not negative
     * @param threads from how many threads; not negative
     * @param at when the purge ran; never null
     * @return the entry; never null
     */
    public static LedgerWrite purgedEntry(Instant olderThan, long removed, long threads, Instant at) {
        var payload = "{\"olderThan\":\"" + olderThan + "\",\"removed\":" + removed + ",\"threads\":" + threads + "}";
        return new LedgerWrite(PURGED_TYPE, Optional.empty(), payload, Optional.empty(), at);
    }
}
