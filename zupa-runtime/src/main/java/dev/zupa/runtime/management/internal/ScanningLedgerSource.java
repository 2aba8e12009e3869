package dev.zupa.runtime.management.internal;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Finds a time window by paging through the inbox from its start: linear in the inbox's size, which is the cost. */
final class ScanningLedgerSource implements LedgerSource {
    static final String INBOUND_RECEIVED = "inbound.received";
    static final ThreadId INBOX = ThreadId.of("zupa:inbox");
    private static final int PAGE = 1_000;

    private final CheckpointStore store;

    ScanningLedgerSource(CheckpointStore store) {
        this.store = store;
    }

    @Override
    public List<LedgerEntry> received(Instant from, Instant to, int limit) {
        var found = new ArrayList<LedgerEntry>();
        var query = new LedgerQuery(Optional.of(INBOX), Set.of(INBOUND_RECEIVED), Optional.empty(), 0, PAGE);
        while (true) {
            var page = store.ledger(query);
            for (var entry : page) {
                var at = entry.write().recordedAt();
                if (!at.isBefore(from) && at.isBefore(to)) {
                    found.add(entry);
                    if (found.size() > limit) {
                        return found;
                    }
                }
            }
            if (page.size() < PAGE) {
                return found;
            }
            query = query.after(page.get(page.size() - 1).sequence());
        }
    }

    @Override
    public void forEachAfter(long afterSequence, Set<String> types, Consumer<LedgerEntry> each) {
        var query = new LedgerQuery(Optional.empty(), types, Optional.empty(), afterSequence, PAGE);
        while (true) {
            var page = store.ledger(query);
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            query = query.after(page.get(page.size() - 1).sequence());
        }
    }
}
