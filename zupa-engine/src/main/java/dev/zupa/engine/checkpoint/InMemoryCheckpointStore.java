package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory store. Values are kept encoded, exactly as a durable store would keep them, so that a graph that
 * works here does not fail on its first run against SQLite because a value cannot be serialised.
 */
final class InMemoryCheckpointStore implements CheckpointStore {
    private static final Logger logger = LoggerFactory.getLogger(InMemoryCheckpointStore.class);
    private static final Comparator<PendingWrite> PENDING_ORDER = Comparator.comparing(PendingWrite::taskId)
            .thenComparing(PendingWrite::kind)
            .thenComparingInt(PendingWrite::index);

    private final ConcurrentHashMap<ThreadId, ThreadData> threads = new ConcurrentHashMap<>();
    private final InMemoryLedger log = new InMemoryLedger();
    private volatile boolean closed;

    /** One thread, one namespace. Guarded by its own monitor: threads never contend with one another. */
    private static final class Space {
        final LinkedHashMap<CheckpointId, Checkpoint> checkpoints = new LinkedHashMap<>();
        final HashMap<String, ChannelBlob> blobs = new HashMap<>();
        final HashMap<CheckpointId, Map<String, PendingWrite>> pending = new HashMap<>();
        Checkpoint latest;
    }

    private static final class ThreadData {
        final ConcurrentHashMap<String, Space> spaces = new ConcurrentHashMap<>();
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs) {
        put(checkpoint, blobs, List.of());
    }

    @Override
    public void put(Checkpoint checkpoint, List<ChannelBlob> blobs, List<LedgerWrite> ledger) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(ledger, "ledger");
        var space = space(checkpoint.threadId(), checkpoint.namespace());
        synchronized (space) {
            for (var blob : blobs) {
                space.blobs.putIfAbsent(blob.channel() + '\u0000' + blob.version(), blob);
            }
            if (space.checkpoints.putIfAbsent(checkpoint.id(), checkpoint) == null) {
                space.latest = checkpoint;
                // under the space's lock, so a reader never sees the checkpoint without its entries for long
                log.append(checkpoint.threadId(), checkpoint.namespace(), Optional.of(checkpoint.id()), ledger);
            }
        }
    }

    @Override
    public void appendLedger(ThreadId threadId, String namespace, List<LedgerWrite> ledger) {
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(ledger, "ledger");
        checkOpen();
        log.append(threadId, namespace, Optional.empty(), ledger);
    }

    @Override
    public List<LedgerEntry> ledger(LedgerQuery query) {
        Objects.requireNonNull(query, "query");
        checkOpen();
        return log.query(query);
    }

    @Override
    public List<LedgerEntry> openLedgerEntries(String openType, Set<String> closingTypes, int limit) {
        checkOpen();
        return log.open(openType, closingTypes, limit);
    }

    @Override
    public LedgerVerification verifyLedger(ThreadId threadId) {
        Objects.requireNonNull(threadId, "threadId");
        checkOpen();
        return log.verify(Optional.of(threadId));
    }

    @Override
    public LedgerVerification verifyLedger() {
        checkOpen();
        return log.verify(Optional.empty());
    }

    @Override
    public long purgeLedger(Instant olderThan, Clock clock) {
        var now = LedgerRetention.checkCutOff(olderThan, clock);
        checkOpen();
        var purge = log.purge(olderThan, now);
        logger.info(
                "purged {} ledger entries recorded before {} from {} threads",
                purge.removed(),
                olderThan,
                purge.threads());
        return purge.removed();
    }

    /** The ledger itself, for tests in this package that tamper with it. */
    InMemoryLedger ledgerStorage() {
        return log;
    }

    @Override
    public boolean keepsLedger() {
        return true;
    }

    @Override
    public void putPendingWrites(
            ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes) {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(writes, "writes");
        var space = space(threadId, namespace);
        synchronized (space) {
            if (!space.checkpoints.containsKey(checkpointId)) {
                throw new CheckpointStoreException("cannot store pending writes for thread " + threadId
                        + ": no checkpoint " + checkpointId + " in namespace '" + namespace + "'");
            }
            var map = space.pending.computeIfAbsent(checkpointId, id -> new HashMap<>());
            for (var write : writes) {
                map.put(write.taskId() + '\u0000' + write.kind() + '\u0000' + write.index(), write);
            }
        }
    }

    @Override
    public Optional<StoredCheckpoint> latest(ThreadId threadId, String namespace) {
        var space = existing(threadId, namespace);
        if (space == null) {
            return Optional.empty();
        }
        synchronized (space) {
            return Optional.ofNullable(space.latest).map(c -> stored(space, c));
        }
    }

    @Override
    public Optional<StoredCheckpoint> get(ThreadId threadId, String namespace, CheckpointId id) {
        Objects.requireNonNull(id, "id");
        var space = existing(threadId, namespace);
        if (space == null) {
            return Optional.empty();
        }
        synchronized (space) {
            return Optional.ofNullable(space.checkpoints.get(id)).map(c -> stored(space, c));
        }
    }

    @Override
    public List<Checkpoint> history(ThreadId threadId, String namespace, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        var space = existing(threadId, namespace);
        if (space == null) {
            return List.of();
        }
        synchronized (space) {
            var newestFirst = new ArrayDeque<Checkpoint>();
            for (var c : space.checkpoints.values()) {
                newestFirst.addFirst(c);
            }
            return newestFirst.stream().limit(limit).toList();
        }
    }

    @Override
    public void deleteThread(ThreadId threadId) {
        checkOpen();
        threads.remove(Objects.requireNonNull(threadId, "threadId"));
    }

    @Override
    public void close() {
        closed = true;
    }

    private StoredCheckpoint stored(Space space, Checkpoint checkpoint) {
        var channels = new HashMap<String, List<ChannelBlob>>();
        checkpoint
                .channelVersions()
                .forEach((channel, version) -> channels.put(channel, chain(space, checkpoint, channel, version)));
        var pending = new ArrayList<>(
                space.pending.getOrDefault(checkpoint.id(), Map.of()).values());
        pending.sort(PENDING_ORDER);
        return new StoredCheckpoint(checkpoint, channels, pending);
    }

    private static List<ChannelBlob> chain(Space space, Checkpoint checkpoint, String channel, String version) {
        var chain = new ArrayDeque<ChannelBlob>();
        Optional<String> next = Optional.of(version);
        while (next.isPresent()) {
            if (chain.size() > space.blobs.size()) {
                throw new CheckpointStoreException("the blob chain of channel '" + channel + "' in checkpoint "
                        + checkpoint.id() + " of thread " + checkpoint.threadId() + " loops");
            }
            var blob = space.blobs.get(channel + '\u0000' + next.get());
            if (blob == null) {
                throw new CheckpointStoreException("checkpoint " + checkpoint.id() + " of thread "
                        + checkpoint.threadId() + " names version " + next.get() + " of channel '" + channel
                        + "', which is not stored");
            }
            chain.addFirst(blob);
            next = blob.baseVersion();
        }
        return List.copyOf(chain);
    }

    private Space space(ThreadId threadId, String namespace) {
        checkOpen();
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        return threads.computeIfAbsent(threadId, t -> new ThreadData())
                .spaces
                .computeIfAbsent(namespace, n -> new Space());
    }

    private Space existing(ThreadId threadId, String namespace) {
        checkOpen();
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(namespace, "namespace");
        var data = threads.get(threadId);
        return data == null ? null : data.spaces.get(namespace);
    }

    private void checkOpen() {
        if (closed) {
            throw new CheckpointStoreException("the in-memory checkpoint store is closed");
        }
    }
}
