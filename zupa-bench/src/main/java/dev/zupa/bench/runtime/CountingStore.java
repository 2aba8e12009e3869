package dev.zupa.bench.runtime;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.ForwardingCheckpointStore;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.engine.checkpoint.PendingWrite;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/** Counts the store calls the runtime makes: checkpoints and ledger appends (each one write transaction) and ledger reads. */
final class CountingStore extends ForwardingCheckpointStore {
    final LongAdder checkpoints = new LongAdder();
    final LongAdder ledgerAppends = new LongAdder();
    final LongAdder pendingWrites = new LongAdder();
    final LongAdder ledgerReads = new LongAdder();

    CountingStore(CheckpointStore delegate) {
        super(delegate);
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs) {
        checkpoints.increment();
        super.put(checkpoint, blobs);
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs, List<LedgerWrite> ledger) {
        if (!ledger.isEmpty()) { // else the superclass forwards to put(checkpoint, blobs), which counts it
            checkpoints.increment();
        }
        super.put(checkpoint, blobs, ledger);
    }

    @Override
    public void appendLedger(ThreadId threadId, String namespace, List<LedgerWrite> ledger) {
        ledgerAppends.increment();
        super.appendLedger(threadId, namespace, ledger);
    }

    @Override
    public List<LedgerEntry> ledger(LedgerQuery query) {
        ledgerReads.increment();
        return super.ledger(query);
    }

    @Override
    public List<LedgerEntry> openLedgerEntries(String openType, Set<String> closingTypes, int limit) {
        ledgerReads.increment();
        return super.openLedgerEntries(openType, closingTypes, limit);
    }

    @Override
    public void putPendingWrites(
            ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes) {
        pendingWrites.increment();
        super.putPendingWrites(threadId, namespace, checkpointId, writes);
    }

    /** Write calls so far: checkpoints, ledger appends and pending writes. */
    long writes() {
        return checkpoints.sum() + ledgerAppends.sum() + pendingWrites.sum();
    }
}
