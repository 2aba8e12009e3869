package dev.zupa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointSource;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.LedgerBreak;
import dev.zupa.engine.checkpoint.LedgerChain;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerExport;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.engine.checkpoint.LedgerRetention;
import dev.zupa.engine.checkpoint.LedgerWrite;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ledger part of {@link CheckpointStoreContract}: the audit ledger's behaviour (hash chain, verification, queries,
 * retention, export) that every store keeping a ledger must have. Not extended on its own: extend
 * {@link CheckpointStoreContract}, which runs these tests too. Each test is skipped for a store that keeps no ledger.
 *
 * <p>The tamper tests need a way around the store's API; a store's test class provides it by overriding
 * {@link #changeLedgerPayload(long, String)} and {@link #deleteLedgerEntry(long)}, and they are skipped otherwise.
 *
 * @since 0.1
 */
public abstract class LedgerContract {
    private static final String ROOT = "";
    private static final ThreadId THREAD = ThreadId.of("thread-a");
    private static final ThreadId OTHER_THREAD = ThreadId.of("thread-b");
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");
    private static final Clock LATER = Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC);

    /** The export of {@link #exportScenario(CheckpointStore)}, byte for byte; the hashes pin {@link LedgerChain}'s format too. */
    private static final String EXPORT = """
            {"threadId":"thread-a","namespace":"","threadSequence":1,"checkpointId":"cp-1","type":"model.call",\
            "key":null,"node":"agent","correlationId":"c-1","subject":"u-1",\
            "recordedAt":"2025-03-04T05:06:07.123456789Z",\
            "payload":{"tokens":3,"text":"olá \\"x\\""},\
            "previousHash":"0000000000000000000000000000000000000000000000000000000000000000",\
            "hash":"c5f79ed36539bcfe7b85fb90b79da5a271d2a73c88a0c6c89273d076cc09e9c2"}
            {"threadId":"thread-a","namespace":"","threadSequence":2,"checkpointId":null,"type":"outbound.sent",\
            "key":"r-1","node":null,"correlationId":null,"subject":null,"recordedAt":"2025-03-04T05:06:08Z",\
            "payload":{   "multi": [1, 2.50]  },\
            "previousHash":"c5f79ed36539bcfe7b85fb90b79da5a271d2a73c88a0c6c89273d076cc09e9c2",\
            "hash":"5f550b92a69210c3d2b30bfde99220135c60f3650e1a03f59e1749ef8e55db11"}
            {"threadId":"thread-b","namespace":"sub","threadSequence":1,"checkpointId":null,"type":"note",\
            "key":null,"node":null,"correlationId":null,"subject":null,"recordedAt":"2025-03-04T05:06:09.100Z",\
            "payload":"not json",\
            "previousHash":"0000000000000000000000000000000000000000000000000000000000000000",\
            "hash":"23055005cb501261f1d4e0293366fd3a3c56b1c3c971fb84a2185ce5c665964e"}
            """;

    /** Only {@link CheckpointStoreContract} extends this. */
    LedgerContract() {}

    /**
     * The store of the running test.
     *
     * @return the store; never null
     */
    protected abstract CheckpointStore store();

    /**
     * Changes a stored entry's payload behind the store's back, as someone with access to its storage could (an
     * {@code UPDATE} in SQL). The default skips the test that calls it.
     *
     * @param sequence the entry's store-wide sequence
     * @param payload the new payload
     * @throws Exception when the storage cannot be reached
     */
    protected void changeLedgerPayload(long sequence, String payload) throws Exception {
        Assumptions.abort("this store's test offers no way to change a stored ledger entry");
    }

    /**
     * Deletes a stored entry behind the store's back, as someone with access to its storage could. The default skips
     * the test that calls it.
     *
     * @param sequence the entry's store-wide sequence
     * @throws Exception when the storage cannot be reached
     */
    protected void deleteLedgerEntry(long sequence) throws Exception {
        Assumptions.abort("this store's test offers no way to delete a stored ledger entry");
    }

    // ---- storing ---------------------------------------------------------------------------------------------------

    /** Ledger entries put with a checkpoint are stored with its id, in order; a repeated put stores no more. */
    @Test
    public void ledgerEntriesAreStoredWithTheirCheckpointOnce() {
        assumeLedger();
        var first = checkpoint(THREAD, "cp-1");
        var entries = List.of(entry("model.call", null, "{\"tokens\":3}"), entry("tool.call", null, "\"menu\""));
        store().put(first, List.of(), entries);
        store().put(first, List.of(), entries);

        var stored = store().ledger(LedgerQuery.thread(THREAD, 10));

        assertThat(stored).extracting(LedgerEntry::write).containsExactlyElementsOf(entries);
        assertThat(stored).allSatisfy(e -> {
            assertThat(e.checkpointId()).contains(first.id());
            assertThat(e.threadId()).isEqualTo(THREAD);
        });
        assertThat(stored.get(0).sequence()).isLessThan(stored.get(1).sequence());
    }

    /** A keyed entry is unique per type and key, across threads; other types may reuse the key. */
    @Test
    public void keyedLedgerEntriesAreUniquePerType() {
        assumeLedger();
        store().appendLedger(THREAD, ROOT, List.of(entry("inbound.processed", "m-1", "1")));
        store().appendLedger(OTHER_THREAD, ROOT, List.of(entry("inbound.processed", "m-1", "2")));
        store().appendLedger(OTHER_THREAD, ROOT, List.of(entry("inbound.received", "m-1", "3")));

        assertThat(store().ledger(LedgerQuery.keyed("inbound.processed", "m-1")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.threadId()).isEqualTo(THREAD);
                    assertThat(e.checkpointId()).isEmpty();
                    assertThat(e.write().payload()).isEqualTo("1");
                });
        assertThat(store().ledger(LedgerQuery.keyed("inbound.received", "m-1"))).hasSize(1);
        assertThat(store().verifyLedger().ok()).isTrue();
    }

    /** Open entries: keyed entries of one type that no entry of a closing type with the same key answers. */
    @Test
    public void openLedgerEntriesAreThoseNotYetClosed() {
        assumeLedger();
        store().appendLedger(
                        THREAD,
                        ROOT,
                        List.of(
                                entry("outbound.stored", "r1", "1"),
                                entry("outbound.stored", "r2", "2"),
                                entry("outbound.stored", "r3", "3")));
        store().appendLedger(
                        THREAD,
                        ROOT,
                        List.of(entry("outbound.sent", "r1", "{}"), entry("outbound.failed", "r3", "{}")));

        assertThat(store().openLedgerEntries("outbound.stored", Set.of("outbound.sent", "outbound.failed"), 10))
                .extracting(e -> e.write().key().orElseThrow())
                .containsExactly("r2");
    }

    /** Deleting a thread keeps its ledger, chain intact: the ledger is an audit history. */
    @Test
    public void deleteThreadKeepsTheLedger() {
        assumeLedger();
        store().put(checkpoint(THREAD, "cp-1"), List.of(), List.of(entry("a", null, "1")));

        store().deleteThread(THREAD);

        assertThat(store().ledger(LedgerQuery.thread(THREAD, 10))).hasSize(1);
        assertThat(store().verifyLedger(THREAD).ok()).isTrue();
    }

    /** Correlation id and subject are stored and read back with the rest of the entry. */
    @Test
    public void correlationIdAndSubjectAreStored() {
        assumeLedger();
        var write =
                entry("inbound.received", "m-1", "{}").withCorrelationId("c-1").withSubject("u-1");

        store().appendLedger(THREAD, ROOT, List.of(write));

        assertThat(store().ledger(LedgerQuery.thread(THREAD, 10)))
                .singleElement()
                .satisfies(e -> assertThat(e.write()).isEqualTo(write));
    }

    // ---- the hash chain --------------------------------------------------------------------------------------------

    /** Appended entries are numbered 1, 2, 3 in their thread and each chains to the one before, from genesis. */
    @Test
    public void appendedEntriesFormAHashChain() {
        assumeLedger();
        store().appendLedger(THREAD, ROOT, List.of(entry("a", null, "1"), entry("b", null, "2")));
        store().appendLedger(THREAD, ROOT, List.of(entry("c", null, "3")));

        var chain = store().ledger(LedgerQuery.thread(THREAD, 10));

        assertChain(chain, 1);
        assertThat(store().verifyLedger(THREAD)).satisfies(v -> {
            assertThat(v.ok()).isTrue();
            assertThat(v.entries()).isEqualTo(3);
            assertThat(v.threads()).isEqualTo(1);
        });
    }

    /** Entries put with checkpoints and entries appended outside a step share one chain per thread. */
    @Test
    public void putAndAppendShareOneChainPerThread() {
        assumeLedger();
        store().put(checkpoint(THREAD, "cp-1"), List.of(), List.of(entry("a", null, "1"), entry("b", null, "2")));
        store().appendLedger(OTHER_THREAD, ROOT, List.of(entry("x", null, "9")));
        store().appendLedger(THREAD, ROOT, List.of(entry("c", null, "3")));
        store().put(checkpoint(THREAD, "cp-1"), List.of(), List.of(entry("a", null, "1")));
        store().put(checkpoint(THREAD, "cp-2"), List.of(), List.of(entry("d", null, "4")));

        assertChain(store().ledger(LedgerQuery.thread(THREAD, 10)), 1);
        assertChain(store().ledger(LedgerQuery.thread(OTHER_THREAD, 10)), 1);
        assertThat(store().ledger(LedgerQuery.thread(THREAD, 10)))
                .extracting(e -> e.write().payload())
                .containsExactly("1", "2", "3", "4");
        assertThat(store().verifyLedger()).satisfies(v -> {
            assertThat(v.ok()).isTrue();
            assertThat(v.threads()).isEqualTo(2);
            assertThat(v.entries()).isEqualTo(5);
        });
    }

    /** A keyed entry written again is skipped without taking a thread sequence: no gap in the chain. */
    @Test
    public void skippedKeyedEntriesLeaveNoGap() {
        assumeLedger();
        store().appendLedger(THREAD, ROOT, List.of(entry("mark", "k-1", "1")));
        store().appendLedger(THREAD, ROOT, List.of(entry("mark", "k-1", "2"), entry("mark", "k-2", "3")));

        var chain = store().ledger(LedgerQuery.thread(THREAD, 10));

        assertThat(chain).extracting(LedgerEntry::threadSequence).containsExactly(1L, 2L);
        assertChain(chain, 1);
        assertThat(store().verifyLedger(THREAD).ok()).isTrue();
    }

    /**
     * Many writers appending to one thread at once still form one chain, numbered in commit order.
     *
     * @throws Exception when a write fails or the wait is interrupted
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    public void concurrentAppendsToOneThreadFormOneChain() throws Exception {
        assumeLedger();
        int writers = 8;
        int each = 25;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<?>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store().appendLedger(THREAD, ROOT, List.of(entry("w" + writer, null, Integer.toString(i))));
                    }
                }));
                futures.add(executor.submit(() -> store().put(
                                checkpoint(THREAD, "cp-" + writer),
                                List.of(),
                                List.of(entry("step", null, "1"), entry("step", null, "2")))));
            }
            for (var future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        }

        var chain = store().ledger(LedgerQuery.thread(THREAD, 1000));

        assertThat(chain).hasSize(writers * (each + 2));
        assertChain(chain, 1);
        assertThat(chain)
                .extracting(LedgerEntry::threadSequence)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, chain.size()).boxed().toList());
        assertThat(store().verifyLedger(THREAD).ok()).isTrue();
    }

    // ---- verification ----------------------------------------------------------------------------------------------

    /**
     * An entry changed behind the store's back is reported as a hash mismatch, naming it.
     *
     * @throws Exception when the storage cannot be reached
     */
    @Test
    public void verifyReportsAChangedEntry() throws Exception {
        assumeLedger();
        store().appendLedger(
                        THREAD, ROOT, List.of(entry("a", null, "1"), entry("b", null, "2"), entry("c", null, "3")));
        store().appendLedger(OTHER_THREAD, ROOT, List.of(entry("x", null, "9")));
        var second = store().ledger(LedgerQuery.thread(THREAD, 10)).get(1);

        changeLedgerPayload(second.sequence(), "{\"changed\":true}");

        for (var verification : List.of(store().verifyLedger(THREAD), store().verifyLedger())) {
            assertThat(verification.ok()).isFalse();
            var broken = verification.firstBreak().orElseThrow();
            assertThat(broken.reason()).isEqualTo(LedgerBreak.Reason.HASH_MISMATCH);
            assertThat(broken.threadId()).isEqualTo(THREAD);
            assertThat(broken.sequence()).isEqualTo(second.sequence());
            assertThat(broken.threadSequence()).isEqualTo(2);
            assertThat(broken.detail()).contains("thread-a", "#2", "changed after it was stored");
        }
        assertThat(store().verifyLedger(OTHER_THREAD).ok()).isTrue();
    }

    /**
     * An entry deleted behind the store's back is reported as a gap at the entry after it.
     *
     * @throws Exception when the storage cannot be reached
     */
    @Test
    public void verifyReportsAMissingEntry() throws Exception {
        assumeLedger();
        store().appendLedger(
                        THREAD, ROOT, List.of(entry("a", null, "1"), entry("b", null, "2"), entry("c", null, "3")));
        var chain = store().ledger(LedgerQuery.thread(THREAD, 10));

        deleteLedgerEntry(chain.get(1).sequence());

        var broken = store().verifyLedger(THREAD).firstBreak().orElseThrow();
        assertThat(broken.reason()).isEqualTo(LedgerBreak.Reason.SEQUENCE_GAP);
        assertThat(broken.threadSequence()).isEqualTo(3);
        assertThat(broken.detail()).contains("expected thread sequence 2, found 3");
    }

    /**
     * A thread's first entry deleted behind the store's back is a gap too: the chain starts at 1.
     *
     * @throws Exception when the storage cannot be reached
     */
    @Test
    public void verifyReportsAMissingFirstEntry() throws Exception {
        assumeLedger();
        store().appendLedger(THREAD, ROOT, List.of(entry("a", null, "1"), entry("b", null, "2")));

        deleteLedgerEntry(store().ledger(LedgerQuery.thread(THREAD, 10)).get(0).sequence());

        assertThat(store().verifyLedger().firstBreak())
                .hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo(LedgerBreak.Reason.SEQUENCE_GAP));
    }

    /** An empty ledger, or an unknown thread, verifies. */
    @Test
    public void verifyOfNothingIsOk() {
        assumeLedger();

        assertThat(store().verifyLedger().ok()).isTrue();
        assertThat(store().verifyLedger(THREAD)).satisfies(v -> {
            assertThat(v.ok()).isTrue();
            assertThat(v.entries()).isZero();
        });
    }

    // ---- queries ---------------------------------------------------------------------------------------------------

    /** Queries filter by thread, type and key, and page by sequence number. */
    @Test
    public void ledgerQueriesFilterAndPage() {
        assumeLedger();
        for (int i = 0; i < 5; i++) {
            store().appendLedger(THREAD, ROOT, List.of(entry(i % 2 == 0 ? "even" : "odd", null, Integer.toString(i))));
            store().appendLedger(OTHER_THREAD, ROOT, List.of(entry("even", null, "9")));
        }

        var firstPage = store().ledger(new LedgerQuery(Optional.of(THREAD), Set.of("even"), Optional.empty(), 0, 2));
        var secondPage = store().ledger(new LedgerQuery(
                Optional.of(THREAD),
                Set.of("even"),
                Optional.empty(),
                firstPage.get(1).sequence(),
                2));

        assertThat(firstPage).extracting(e -> e.write().payload()).containsExactly("0", "2");
        assertThat(secondPage).extracting(e -> e.write().payload()).containsExactly("4");
        assertThat(store().ledger(new LedgerQuery(Optional.empty(), Set.of(), Optional.empty(), 0, 100)))
                .hasSize(10);
    }

    /** Queries filter by correlation id, subject, key and time range (from inclusive, to exclusive), in any mix. */
    @Test
    public void ledgerQueriesFilterByCorrelationSubjectAndTime() {
        assumeLedger();
        for (int i = 0; i < 6; i++) {
            var write = new LedgerWrite(
                            i % 2 == 0 ? "model.call" : "tool.call",
                            Optional.of("k-" + i),
                            Integer.toString(i),
                            Optional.empty(),
                            T0.plus(Duration.ofMinutes(i)))
                    .withCorrelationId("c-" + (i / 2))
                    .withSubject(i < 3 ? "alice" : "bob");
            store().appendLedger(i < 4 ? THREAD : OTHER_THREAD, ROOT, List.of(write));
        }

        assertThat(payloads(LedgerQuery.builder().correlationId("c-1").build())).containsExactly("2", "3");
        assertThat(payloads(LedgerQuery.builder().subject("bob").build())).containsExactly("3", "4", "5");
        assertThat(payloads(LedgerQuery.builder().key("k-4").build())).containsExactly("4");
        assertThat(payloads(LedgerQuery.builder()
                        .from(T0.plus(Duration.ofMinutes(1)))
                        .to(T0.plus(Duration.ofMinutes(4)))
                        .build()))
                .containsExactly("1", "2", "3");
        assertThat(payloads(LedgerQuery.builder()
                        .from(T0.plus(Duration.ofSeconds(61)))
                        .build()))
                .containsExactly("2", "3", "4", "5");
        assertThat(payloads(LedgerQuery.builder().to(T0).build())).isEmpty();
        assertThat(payloads(LedgerQuery.builder()
                        .subject("alice")
                        .types(Set.of("model.call"))
                        .threadId(THREAD)
                        .build()))
                .containsExactly("0", "2");
        assertThat(payloads(LedgerQuery.builder().correlationId("c-9").build())).isEmpty();
    }

    /** Paging with the last entry's sequence reads every entry once, in a stable order, whatever the filter. */
    @Test
    public void pagingReadsEveryEntryOnceInOrder() {
        assumeLedger();
        for (int i = 0; i < 7; i++) {
            store().appendLedger(
                            i % 2 == 0 ? THREAD : OTHER_THREAD,
                            ROOT,
                            List.of(entry("t", null, Integer.toString(i)).withSubject("s")));
        }
        var query = LedgerQuery.builder().subject("s").limit(3).build();

        var read = new ArrayList<String>();
        var pages = 0;
        for (var page = store().ledger(query);
                !page.isEmpty();
                page = store().ledger(query.after(page.getLast().sequence()))) {
            pages++;
            page.forEach(e -> read.add(e.write().payload()));
        }

        assertThat(read).containsExactly("0", "1", "2", "3", "4", "5", "6");
        assertThat(pages).isEqualTo(3);
    }

    // ---- retention -------------------------------------------------------------------------------------------------

    /**
     * A purge removes each thread's oldest entries recorded before the cut-off, says how many, records itself in the
     * audit thread, and verification still holds; appending afterwards continues the chain.
     */
    @Test
    public void purgeRemovesOldEntriesAndVerifyStillHolds() {
        assumeLedger();
        store().appendLedger(
                        THREAD,
                        ROOT,
                        List.of(
                                at("a", T0),
                                at("b", T0.plus(Duration.ofHours(1))),
                                at("c", T0.plus(Duration.ofHours(3)))));
        store().appendLedger(OTHER_THREAD, ROOT, List.of(at("x", T0), at("y", T0.plus(Duration.ofMinutes(5)))));
        var cutOff = T0.plus(Duration.ofHours(2));

        long removed = store().purgeLedger(cutOff, LATER);

        assertThat(removed).isEqualTo(4);
        assertThat(store().ledger(LedgerQuery.thread(THREAD, 10)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.type()).isEqualTo("c");
                    assertThat(e.threadSequence()).isEqualTo(3);
                });
        assertThat(store().ledger(LedgerQuery.thread(OTHER_THREAD, 10))).isEmpty();
        assertThat(store().ledger(LedgerQuery.thread(LedgerRetention.AUDIT_THREAD, 10)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.type()).isEqualTo(LedgerRetention.PURGED_TYPE);
                    assertThat(e.write().recordedAt()).isEqualTo(LATER.instant());
                    assertThat(e.write().payload())
                            .isEqualTo("{\"olderThan\":\"" + cutOff + "\",\"removed\":4,\"threads\":2}");
                });
        assertThat(store().verifyLedger().ok()).isTrue();
        assertThat(store().verifyLedger(THREAD).ok()).isTrue();

        store().appendLedger(OTHER_THREAD, ROOT, List.of(at("z", LATER.instant())));
        store().appendLedger(THREAD, ROOT, List.of(at("d", LATER.instant())));

        assertThat(store().ledger(LedgerQuery.thread(OTHER_THREAD, 10)))
                .singleElement()
                .satisfies(e -> assertThat(e.threadSequence()).isEqualTo(3));
        assertThat(store().verifyLedger()).satisfies(v -> {
            assertThat(v.ok()).isTrue();
            assertThat(v.entries()).isEqualTo(4);
        });
    }

    /** An old entry behind a newer one in its thread stays, so that a purge only ever shortens a chain from its start. */
    @Test
    public void purgeStopsAtTheFirstEntryNotOldEnough() {
        assumeLedger();
        store().appendLedger(
                        THREAD,
                        ROOT,
                        List.of(at("old", T0), at("new", T0.plus(Duration.ofDays(2))), at("late-old", T0)));

        long removed = store().purgeLedger(T0.plus(Duration.ofDays(1)), LATER);

        assertThat(removed).isEqualTo(1);
        assertThat(store().ledger(LedgerQuery.thread(THREAD, 10)))
                .extracting(LedgerEntry::type)
                .containsExactly("new", "late-old");
        assertThat(store().verifyLedger().ok()).isTrue();
    }

    /** The audit thread is never purged, and a purge that removes nothing is recorded too. */
    @Test
    public void purgeKeepsTheAuditThread() {
        assumeLedger();
        store().purgeLedger(T0, LATER);
        store().purgeLedger(LATER.instant(), LATER);

        assertThat(store().ledger(LedgerQuery.thread(LedgerRetention.AUDIT_THREAD, 10)))
                .extracting(e -> e.write().payload())
                .containsExactly(
                        "{\"olderThan\":\"" + T0 + "\",\"removed\":0,\"threads\":0}",
                        "{\"olderThan\":\"" + LATER.instant() + "\",\"removed\":0,\"threads\":0}");
        assertThat(store().verifyLedger().ok()).isTrue();
    }

    /**
     * After a purge, deleting the oldest remaining entry behind the store's back is still caught.
     *
     * @throws Exception when the storage cannot be reached
     */
    @Test
    public void verifyAfterAPurgeReportsAMissingFirstEntry() throws Exception {
        assumeLedger();
        store().appendLedger(
                        THREAD,
                        ROOT,
                        List.of(
                                at("a", T0),
                                at("b", T0.plus(Duration.ofDays(2))),
                                at("c", T0.plus(Duration.ofDays(3)))));
        store().purgeLedger(T0.plus(Duration.ofDays(1)), LATER);

        deleteLedgerEntry(store().ledger(LedgerQuery.thread(THREAD, 10)).get(0).sequence());

        var broken = store().verifyLedger(THREAD).firstBreak().orElseThrow();
        assertThat(broken.reason()).isEqualTo(LedgerBreak.Reason.SEQUENCE_GAP);
        assertThat(broken.threadSequence()).isEqualTo(3);
    }

    /** A cut-off after now is refused: it would purge what was recorded a moment ago. */
    @Test
    public void purgeRefusesACutOffAfterNow() {
        assumeLedger();
        store().appendLedger(THREAD, ROOT, List.of(at("a", T0)));

        assertThatThrownBy(() -> store().purgeLedger(LATER.instant().plusSeconds(1), LATER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("olderThan");
        assertThat(store().ledger(LedgerQuery.thread(THREAD, 10))).hasSize(1);
    }

    // ---- export ----------------------------------------------------------------------------------------------------

    /** The export is JSON Lines in a fixed format: the same entries give the same bytes, in any store, every time. */
    @Test
    public void exportIsStableJsonLines() {
        assumeLedger();
        exportScenario();
        var query = LedgerQuery.builder().limit(2).build();

        var text = new StringWriter();
        long written = LedgerExport.write(store(), query, text);
        var bytes = new ByteArrayOutputStream();
        LedgerExport.write(store(), query, bytes);

        assertThat(written).isEqualTo(3);
        assertThat(text.toString()).isEqualTo(EXPORT);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(EXPORT);
        assertThat(LedgerExport.write(store(), LedgerQuery.builder().build(), new StringWriter()))
                .isEqualTo(3);
    }

    /**
     * Stores the entries {@link #exportIsStableJsonLines()} exports. Public so that a store's own tests can export the
     * same entries from two stores and compare the bytes.
     *
     * @param store the store to fill; never null
     */
    public static void exportScenario(CheckpointStore store) {
        store.put(
                checkpoint(THREAD, "cp-1"),
                List.of(),
                List.of(new LedgerWrite(
                                "model.call",
                                Optional.empty(),
                                "{\"tokens\":3,\"text\":\"olá \\\"x\\\"\"}",
                                Optional.of("agent"),
                                T0)
                        .withCorrelationId("c-1")
                        .withSubject("u-1")));
        store.appendLedger(
                THREAD,
                ROOT,
                List.of(new LedgerWrite(
                        "outbound.sent",
                        Optional.of("r-1"),
                        "{\n  \"multi\": [1, 2.50]\r\n}",
                        Optional.empty(),
                        Instant.parse("2025-03-04T05:06:08Z"))));
        store.appendLedger(
                OTHER_THREAD,
                "sub",
                List.of(new LedgerWrite(
                        "note",
                        Optional.empty(),
                        "not json",
                        Optional.empty(),
                        Instant.parse("2025-03-04T05:06:09.100Z"))));
    }

    private void exportScenario() {
        exportScenario(store());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private void assumeLedger() {
        assumeTrue(store().keepsLedger(), "this store keeps no ledger");
    }

    /** Asserts that entries of one thread, in order, are numbered on from {@code first} and chained. */
    private static void assertChain(List<LedgerEntry> chain, long first) {
        var previous = first == 1 ? LedgerChain.GENESIS : null;
        long expected = first;
        for (var entry : chain) {
            assertThat(entry.threadSequence()).as("thread sequence").isEqualTo(expected++);
            if (previous != null) {
                assertThat(entry.previousHash())
                        .as("previous hash of #" + entry.threadSequence())
                        .isEqualTo(previous);
            }
            assertThat(entry.hash()).matches("[0-9a-f]{64}").isEqualTo(LedgerChain.hash(entry));
            previous = entry.hash();
        }
    }

    private List<String> payloads(LedgerQuery query) {
        return store().ledger(query).stream().map(e -> e.write().payload()).toList();
    }

    private static LedgerWrite entry(String type, @Nullable String key, String payload) {
        return new LedgerWrite(type, Optional.ofNullable(key), payload, Optional.empty(), T0);
    }

    private static LedgerWrite at(String type, Instant recordedAt) {
        return new LedgerWrite(type, Optional.empty(), "{}", Optional.empty(), recordedAt);
    }

    private static Checkpoint checkpoint(ThreadId thread, String id) {
        return new Checkpoint(
                CheckpointId.of(id),
                thread,
                ROOT,
                Optional.empty(),
                0,
                T0,
                CheckpointSource.INPUT,
                Map.of(),
                Map.of(),
                List.of(),
                List.of(),
                Map.of());
    }
}
