package dev.zupa.adapters.sqlite.internal;

import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Recently read or written checkpoints with their resolved channel chains, so that loading the latest checkpoint of a
 * thread costs one small query (which checkpoint is the latest) instead of decoding its record and following one blob
 * chain per channel.
 *
 * <p>Only what never changes is cached: a stored checkpoint and its blobs are immutable once committed (ids are never
 * reused, rows are inserted once and never updated). Whatever may change is still read from the file every time:
 * which checkpoint is a thread's latest, whether a checkpoint still exists (a thread may be deleted), and its pending
 * writes. So a cache entry is never stale, whoever else writes the file.
 *
 * <p>Bounded by an estimate of the bytes it holds; the least recently used entries go first. Thread-safe.
 */
public final class CheckpointCache {
    /** A checkpoint with the blob chain of each of its channels, oldest blob first. */
    public record Resolved(Checkpoint checkpoint, Map<String, List<ChannelBlob>> channels) {
        /** Makes a defensive copy of the map; the chains are immutable lists. */
        public Resolved {
            channels = Map.copyOf(channels);
        }
    }

    private record Key(String thread, String namespace, String checkpoint) {}

    private record Entry(Resolved resolved, long weight) {}

    // a lock rather than synchronized: callers are virtual threads, and this must never pin one
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true); // guarded by lock
    private final long maxWeight;
    private long weight; // guarded by lock
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * Creates a cache.
     *
     * @param maxBytes about how many bytes of checkpoint records and blobs it may hold; 0 caches nothing
     */
    public CheckpointCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the cache size must not be negative, was " + maxBytes);
        }
        this.maxWeight = maxBytes;
    }

    /** The cached checkpoint, when it is cached. */
    public Optional<Resolved> get(String thread, String namespace, String checkpointId) {
        if (maxWeight == 0) {
            return Optional.empty();
        }
        lock.lock();
        try {
            var entry = entries.get(new Key(thread, namespace, checkpointId));
            if (entry == null) {
                misses.incrementAndGet();
                return Optional.empty();
            }
            hits.incrementAndGet();
            return Optional.of(entry.resolved());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Caches a checkpoint that is committed to the file with exactly these chains.
     *
     * @param recordBytes the length of the checkpoint's stored record, for the size estimate
     */
    public void put(Resolved resolved, int recordBytes) {
        if (maxWeight == 0) {
            return;
        }
        var checkpoint = resolved.checkpoint();
        long size = weightOf(resolved, recordBytes);
        if (size > maxWeight / 4) {
            return; // one huge state would push out everything else
        }
        var key = new Key(
                checkpoint.threadId().value(),
                checkpoint.namespace(),
                checkpoint.id().value());
        lock.lock();
        try {
            var previous = entries.put(key, new Entry(resolved, size));
            weight += size - (previous == null ? 0 : previous.weight());
            var oldest = entries.entrySet().iterator();
            while (weight > maxWeight && oldest.hasNext()) {
                weight -= oldest.next().getValue().weight();
                oldest.remove();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Resolves a newly stored checkpoint from its parent's cached chains and the blobs stored with it, when that is
     * possible: every channel either keeps its version (and so its chain) from the parent, or has a full blob, or a
     * delta onto the parent's version of the channel.
     *
     * @return the resolved checkpoint; empty when the parent is not cached or a chain cannot be built from it
     */
    public Optional<Resolved> resolveChild(Checkpoint checkpoint, List<ChannelBlob> blobs) {
        Map<String, List<ChannelBlob>> parentChannels = Map.of();
        var parentId = checkpoint.parentId().map(CheckpointId::value);
        if (parentId.isPresent()) {
            var parent = get(checkpoint.threadId().value(), checkpoint.namespace(), parentId.get());
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            parentChannels = parent.get().channels();
        }
        var written = new HashMap<String, ChannelBlob>();
        for (var blob : blobs) {
            written.put(blob.channel() + "\u0000" + blob.version(), blob);
        }
        var channels = new HashMap<String, List<ChannelBlob>>();
        for (var channel : checkpoint.channelVersions().entrySet()) {
            var chain = chain(channel.getKey(), channel.getValue(), written, parentChannels);
            if (chain.isEmpty()) {
                return Optional.empty();
            }
            channels.put(channel.getKey(), chain.get());
        }
        return Optional.of(new Resolved(checkpoint, channels));
    }

    private static Optional<List<ChannelBlob>> chain(
            String channel,
            String version,
            Map<String, ChannelBlob> written,
            Map<String, List<ChannelBlob>> parentChannels) {
        var parentChain = parentChannels.get(channel);
        var blob = written.get(channel + "\u0000" + version);
        if (blob == null) {
            // unchanged since the parent: the same version has the same chain
            return parentChain != null && parentChain.getLast().version().equals(version)
                    ? Optional.of(parentChain)
                    : Optional.empty();
        }
        if (blob.kind() == ChannelBlob.Kind.FULL || blob.baseVersion().isEmpty()) {
            return Optional.of(List.of(blob));
        }
        if (parentChain == null
                || !parentChain.getLast().version().equals(blob.baseVersion().get())) {
            return Optional.empty();
        }
        var longer = new ArrayList<ChannelBlob>(parentChain.size() + 1);
        longer.addAll(parentChain);
        longer.add(blob);
        return Optional.of(List.copyOf(longer));
    }

    /** Lookups that found their checkpoint. For tests and benchmarks. */
    public long hits() {
        return hits.get();
    }

    /** Lookups that did not. For tests and benchmarks. */
    public long misses() {
        return misses.get();
    }

    /** Entries held now. For tests. */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    private static long weightOf(Resolved resolved, int recordBytes) {
        // the decoded record takes about twice its JSON's length; chains share blobs with the parent's entry, which
        // this counts again: an overestimate, on the safe side
        long size = 128 + 2L * recordBytes;
        for (var chain : resolved.channels().values()) {
            for (var blob : chain) {
                size += 64 + blob.data().length;
            }
        }
        return size;
    }
}
