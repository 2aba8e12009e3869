package dev.zupa.runtime;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.ForwardingCheckpointStore;
import dev.zupa.engine.checkpoint.LedgerWrite;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory store that records the thread of every checkpoint put, and can be made to fail ledger appends of
 * given entry types.
 */
final class RecordingCheckpointStore extends ForwardingCheckpointStore {
    final List<ThreadId> checkpointThreads = new CopyOnWriteArrayList<>();
    volatile Set<String> failAppendsOf = Set.of();

    RecordingCheckpointStore() {
        super(CheckpointStore.inMemory());
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs) {
        checkpointThreads.add(checkpoint.threadId());
        super.put(checkpoint, blobs);
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs, List<LedgerWrite> ledger) {
        if (ledger.isEmpty()) {
            put(checkpoint, blobs);
        } else {
            checkpointThreads.add(checkpoint.threadId());
            delegate().put(checkpoint, blobs, ledger);
        }
    }

    @Override
    public void appendLedger(ThreadId threadId, String namespace, List<LedgerWrite> ledger) {
        for (var write : ledger) {
            if (failAppendsOf.contains(write.type())) {
                throw new IllegalStateException("injected: cannot append " + write.type());
            }
        }
        super.appendLedger(threadId, namespace, ledger);
    }
}
