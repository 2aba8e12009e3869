package dev.zupa.runtime.management.internal;

import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The two reads the SLA report makes of the ledger. Behind an interface because today's {@code LedgerQuery} can filter
 * only by thread, type, key and sequence, so {@link #scanning} pages through the inbox to find a time window; a store
 * that can query by time or correlation id will answer the same two questions without the scan.
 */
public interface LedgerSource {

    /**
     * The {@code inbound.received} entries recorded in {@code [from, to)}, in sequence order, at most {@code limit + 1}
     * (one more than asked tells the caller the window was cut).
     */
    List<LedgerEntry> received(Instant from, Instant to, int limit);

    /** Gives each entry of these types stored after the sequence number to {@code each}, in sequence order. */
    void forEachAfter(long afterSequence, Set<String> types, Consumer<LedgerEntry> each);

    /** Reads a store with the queries it has today. */
    static LedgerSource scanning(CheckpointStore store) {
        return new ScanningLedgerSource(store);
    }
}
