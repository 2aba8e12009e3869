package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The in-memory store's ledger: one list in sequence order, plus an index of keyed entries. */
final class InMemoryLedger {
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final Map<String, LedgerEntry> keyed = new HashMap<>();

    synchronized void append(
            ThreadId threadId, String namespace, Optional<CheckpointId> checkpointId, List<LedgerWrite> writes) {
        for (var write : writes) {
            var key = write.key().map(k -> write.type() + '\u0000' + k);
            if (key.isPresent() && keyed.containsKey(key.get())) {
                continue;
            }
            var entry = new LedgerEntry(entries.size() + 1L, threadId, namespace, checkpointId, write);
            entries.add(entry);
            key.ifPresent(k -> keyed.put(k, entry));
        }
    }

    synchronized List<LedgerEntry> query(LedgerQuery query) {
        var result = new ArrayList<LedgerEntry>();
        if (query.key().isPresent()) {
            for (var type : query.types()) {
                var entry = keyed.get(type + '\u0000' + query.key().get());
                if (entry != null && matches(query, entry)) {
                    result.add(entry);
                }
            }
            if (query.types().isEmpty()) {
                for (var entry : entries) {
                    if (matches(query, entry)) {
                        result.add(entry);
                    }
                }
            }
            result.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            return result.stream().limit(query.limit()).toList();
        }
        // sequence n sits at index n - 1
        for (int i = (int) Math.min(query.afterSequence(), entries.size());
                i < entries.size() && result.size() < query.limit();
                i++) {
            var entry = entries.get(i);
            if (matches(query, entry)) {
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
            if (closingTypes.stream().noneMatch(t -> keyed.containsKey(t + '\u0000' + key))) {
                result.add(entry);
            }
        }
        return List.copyOf(result);
    }

    private static boolean matches(LedgerQuery query, LedgerEntry entry) {
        return entry.sequence() > query.afterSequence()
                && query.threadId().map(entry.threadId()::equals).orElse(true)
                && (query.types().isEmpty() || query.types().contains(entry.type()))
                && query.key()
                        .map(k -> entry.write().key().equals(Optional.of(k)))
                        .orElse(true);
    }
}
