package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The in-memory store's ledger: one list in sequence order, an index of keyed entries, and each thread's chain head.
 * One lock guards it all, so entries of one thread appended concurrently are chained in the order they take it.
 */
final class InMemoryLedger {
    private final List<LedgerEntry> entries = new ArrayList<>(); // sorted by sequence; purges remove from the middle
    private final Map<String, LedgerEntry> keyed = new HashMap<>();
    private final Map<ThreadId, LedgerAnchor> heads = new HashMap<>(); // the newest entry's link, per thread
    private final Map<ThreadId, LedgerAnchor> anchors = new HashMap<>(); // the newest purged entry's link, per thread
    private long lastSequence;

    synchronized void append(
            ThreadId threadId, String namespace, Optional<CheckpointId> checkpointId, List<LedgerWrite> writes) {
        for (var write : writes) {
            var key = write.key().map(k -> keyOf(write.type(), k));
            if (key.isPresent() && keyed.containsKey(key.get())) {
                continue;
            }
            var head = heads.get(threadId);
            long threadSequence = head == null ? 1 : head.threadSequence() + 1;
            var previousHash = head == null ? LedgerChain.GENESIS : head.hash();
            var hash = LedgerChain.hash(threadId, namespace, threadSequence, checkpointId, write, previousHash);
            var entry = new LedgerEntry(
                    ++lastSequence, threadId, namespace, checkpointId, write, threadSequence, previousHash, hash);
            entries.add(entry);
            heads.put(threadId, new LedgerAnchor(threadId, threadSequence, hash));
            key.ifPresent(k -> keyed.put(k, entry));
        }
    }

    synchronized List<LedgerEntry> query(LedgerQuery query) {
        var result = new ArrayList<LedgerEntry>();
        if (query.key().isPresent() && !query.types().isEmpty()) {
            // the hot path of exactly-once checks: at most one entry per type, found without a scan
            for (var type : query.types()) {
                var entry = keyed.get(keyOf(type, query.key().get()));
                if (entry != null && entry.sequence() > query.afterSequence() && query.matches(entry)) {
                    result.add(entry);
                }
            }
            result.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            return result.stream().limit(query.limit()).toList();
        }
        for (int i = firstAfter(query.afterSequence()); i < entries.size() && result.size() < query.limit(); i++) {
            var entry = entries.get(i);
            if (query.matches(entry)) {
                result.add(entry);
            }
        }
        return List.copyOf(result);
    }

    synchronized List<LedgerEntry> open(String openType, Set<String> closingTypes, int limit) {
        if (closingTypes.isEmpty()) {
            throw new IllegalArgumentException("name at least one closing type");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        var result = new ArrayList<LedgerEntry>();
        for (var entry : entries) {
            if (result.size() == limit) {
                break;
            }
            if (!entry.type().equals(openType) || entry.write().key().isEmpty()) {
                continue;
            }
            var key = entry.write().key().get();
            if (closingTypes.stream().noneMatch(t -> keyed.containsKey(keyOf(t, key)))) {
                result.add(entry);
            }
        }
        return List.copyOf(result);
    }

    synchronized LedgerVerification verify(Optional<ThreadId> threadId) {
        var verifier = new LedgerVerifier(anchors);
        for (var entry : entries) {
            if (threadId.isEmpty() || threadId.get().equals(entry.threadId())) {
                verifier.check(entry);
                if (verifier.broken()) {
                    break;
                }
            }
        }
        return verifier.result();
    }

    /** Removes each thread's oldest entries recorded before the cut-off, then records the purge; see LedgerRetention. */
    synchronized Purge purge(Instant olderThan, Instant now) {
        var blocked = new HashSet<ThreadId>();
        var purgedThreads = new HashSet<ThreadId>();
        var kept = new ArrayList<LedgerEntry>(entries.size());
        for (var entry : entries) {
            var thread = entry.threadId();
            boolean old = entry.write().recordedAt().isBefore(olderThan);
            if (!old || blocked.contains(thread) || thread.equals(LedgerRetention.AUDIT_THREAD)) {
                blocked.add(thread);
                kept.add(entry);
                continue;
            }
            purgedThreads.add(thread);
            anchors.put(thread, new LedgerAnchor(thread, entry.threadSequence(), entry.hash()));
            entry.write().key().ifPresent(k -> keyed.remove(keyOf(entry.type(), k)));
        }
        long removed = entries.size() - kept.size();
        entries.clear();
        entries.addAll(kept);
        append(
                LedgerRetention.AUDIT_THREAD,
                "",
                Optional.empty(),
                List.of(LedgerRetention.purgedEntry(olderThan, removed, purgedThreads.size(), now)));
        return new Purge(removed, purgedThreads.size());
    }

    record Purge(long removed, long threads) {}

    /** Test hook: replaces a stored entry, as someone with access to the storage could. */
    synchronized void tamper(long sequence, UnaryOperator<LedgerEntry> change) {
        int index = indexOf(sequence);
        entries.set(index, change.apply(entries.get(index)));
    }

    /** Test hook: removes a stored entry behind the store's back. */
    synchronized void remove(long sequence) {
        entries.remove(indexOf(sequence));
    }

    private int indexOf(long sequence) {
        int index = firstAfter(sequence - 1);
        if (index == entries.size() || entries.get(index).sequence() != sequence) {
            throw new IllegalArgumentException("no ledger entry " + sequence);
        }
        return index;
    }

    /** The index of the first entry with a sequence greater than the given one: a binary search of the sorted list. */
    private int firstAfter(long sequence) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (entries.get(middle).sequence() <= sequence) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static String keyOf(String type, String key) {
        return type + '\u0000' + key;
    }
}
