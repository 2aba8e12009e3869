package dev.zupa.runtime.management.internal;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ledger entries as the API shows them, with their payloads as JSON rather than escaped text. */
final class LedgerJson {
    private static final int PAGE = 500;

    private LedgerJson() {}

    static Map<String, Object> entry(LedgerEntry entry) {
        var write = entry.write();
        var fields = new LinkedHashMap<String, Object>();
        fields.put("sequence", entry.sequence());
        fields.put("thread", entry.threadId().value());
        fields.put("namespace", entry.namespace());
        fields.put("type", write.type());
        write.key().ifPresent(k -> fields.put("key", k));
        write.node().ifPresent(n -> fields.put("node", n));
        entry.checkpointId().ifPresent(c -> fields.put("checkpointId", c.value()));
        fields.put("recordedAt", write.recordedAt().toString());
        fields.put("payload", Json.payload(write.payload()));
        return fields;
    }

    /** The last {@code count} entries of a thread, oldest first: the ledger reads forward only, so it pages to the end. */
    static List<Map<String, Object>> recent(CheckpointStore store, ThreadId thread, int count) {
        var last = new ArrayDeque<LedgerEntry>(count);
        var query = LedgerQuery.thread(thread, PAGE);
        while (true) {
            var page = store.ledger(query);
            for (var entry : page) {
                if (last.size() == count) {
                    last.removeFirst();
                }
                last.addLast(entry);
            }
            if (page.size() < PAGE) {
                return last.stream().map(LedgerJson::entry).toList();
            }
            query = query.after(page.get(page.size() - 1).sequence());
        }
    }
}
