package dev.zupa.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.Graph;
import dev.zupa.engine.Input;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.ThreadId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The in-memory ledger's chain against tampering, through the package's test hooks (the contract suite covers the
 * rest), and the chain's format.
 */
class InMemoryLedgerTest {
    private static final ThreadId THREAD = ThreadId.of("thread-a");
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();

    @Test
    void changedPayloadIsAHashMismatch() {
        appendThree();
        var second = chain().get(1);

        store.ledgerStorage().tamper(second.sequence(), e -> withPayload(e, "{\"amount\":1000}"));

        var broken = store.verifyLedger(THREAD).firstBreak().orElseThrow();
        assertThat(broken.reason()).isEqualTo(LedgerBreak.Reason.HASH_MISMATCH);
        assertThat(broken.sequence()).isEqualTo(second.sequence());
        assertThat(store.verifyLedger().firstBreak()).contains(broken);
    }

    @Test
    void forgedEntryWithItsHashRecomputedBreaksTheNextLink() {
        appendThree();
        var second = chain().get(1);

        store.ledgerStorage().tamper(second.sequence(), e -> {
            var forged = withPayload(e, "{\"amount\":1000}");
            return new LedgerEntry(
                    forged.sequence(),
                    forged.threadId(),
                    forged.namespace(),
                    forged.checkpointId(),
                    forged.write(),
                    forged.threadSequence(),
                    forged.previousHash(),
                    LedgerChain.hash(forged));
        });

        var broken = store.verifyLedger(THREAD).firstBreak().orElseThrow();
        assertThat(broken.reason()).isEqualTo(LedgerBreak.Reason.PREVIOUS_HASH_MISMATCH);
        assertThat(broken.threadSequence()).isEqualTo(3);
        assertThat(broken.detail()).contains("the entry before was replaced");
    }

    @Test
    void removedEntryIsASequenceGap() {
        appendThree();

        store.ledgerStorage().remove(chain().get(1).sequence());

        var verification = store.verifyLedger(THREAD);
        assertThat(verification.ok()).isFalse();
        assertThat(verification.entries()).isEqualTo(2);
        assertThat(verification.firstBreak().orElseThrow().reason()).isEqualTo(LedgerBreak.Reason.SEQUENCE_GAP);
    }

    @Test
    void removedNewestEntryIsNotDetectableByTheChainAlone() {
        appendThree();

        store.ledgerStorage().remove(chain().get(2).sequence());

        // documented limit: the chain proves what lies before the newest entry; the head needs an outside record
        assertThat(store.verifyLedger(THREAD).ok()).isTrue();
    }

    @Test
    void entriesAGraphRecordsAreChained() {
        var graph = Graph.builder()
                .checkpointStore(store)
                .clock(Clock.fixed(T0, ZoneOffset.UTC))
                .node("a", ctx -> {
                    ctx.record("model.call", Map.of("tokens", 12));
                    ctx.record("decision", "m-1", Map.of("next", "b"));
                })
                .node("b", ctx -> ctx.record("tool.call", "lookup"))
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", Graph.END)
                .build();

        graph.invoke(Input.none(), RunConfig.forThread(THREAD));

        assertThat(chain()).extracting(LedgerEntry::threadSequence).containsExactly(1L, 2L, 3L);
        assertThat(store.verifyLedger(THREAD).ok()).isTrue();
    }

    @Test
    void hashFollowsTheDocumentedEncoding() {
        // computed independently from LedgerChain's javadoc (a few lines of Python); a change here breaks stored chains
        var write = new LedgerWrite(
                        "model.call",
                        Optional.empty(),
                        "{\"tokens\":3,\"text\":\"olá \\\"x\\\"\"}",
                        Optional.of("agent"),
                        T0)
                .withCorrelationId("c-1")
                .withSubject("u-1");

        var hash = LedgerChain.hash(THREAD, "", 1, Optional.of(CheckpointId.of("cp-1")), write, LedgerChain.GENESIS);

        assertThat(hash).isEqualTo("c5f79ed36539bcfe7b85fb90b79da5a271d2a73c88a0c6c89273d076cc09e9c2");
    }

    @Test
    void purgeRemovesFromTheKeyIndexToo() {
        store.appendLedger(THREAD, "", List.of(new LedgerWrite("mark", Optional.of("k"), "1", Optional.empty(), T0)));

        store.purgeLedger(T0.plusSeconds(1), Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));

        assertThat(store.ledger(LedgerQuery.keyed("mark", "k"))).isEmpty();
        store.appendLedger(THREAD, "", List.of(new LedgerWrite("mark", Optional.of("k"), "2", Optional.empty(), T0)));
        assertThat(store.ledger(LedgerQuery.keyed("mark", "k")))
                .singleElement()
                .satisfies(e -> assertThat(e.threadSequence()).isEqualTo(2));
        assertThat(store.verifyLedger().ok()).isTrue();
    }

    @Test
    void queriesAndWritesRejectBadValuesNamingThem() {
        assertThatThrownBy(() ->
                        LedgerQuery.builder().from(T0).to(T0.minusSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be before from");
        assertThatThrownBy(() -> LedgerQuery.builder().limit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> LedgerQuery.builder().afterSequence(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("afterSequence");
        assertThatThrownBy(() -> new LedgerWrite("t", Optional.empty(), "{}", Optional.empty(), T0).withSubject(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject");
        assertThatThrownBy(
                        () -> new LedgerWrite("t", Optional.empty(), "{}", Optional.empty(), T0).withCorrelationId(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("correlation id");
    }

    @Test
    void queryBuilderRoundTrips() {
        var query = LedgerQuery.builder()
                .threadId(THREAD)
                .types(Set.of("a"))
                .key("k")
                .correlationId("c")
                .subject("s")
                .from(T0)
                .to(T0.plusSeconds(1))
                .afterSequence(5)
                .limit(7)
                .build();

        assertThat(query.toBuilder().build()).isEqualTo(query);
        assertThat(query.after(9).afterSequence()).isEqualTo(9);
        assertThat(LedgerQuery.thread(THREAD, 3))
                .isEqualTo(new LedgerQuery(Optional.of(THREAD), Set.of(), Optional.empty(), 0, 3));
    }

    private void appendThree() {
        store.appendLedger(
                THREAD,
                "",
                List.of(
                        new LedgerWrite("a", Optional.empty(), "{\"amount\":1}", Optional.empty(), T0),
                        new LedgerWrite("b", Optional.empty(), "{\"amount\":2}", Optional.empty(), T0),
                        new LedgerWrite("c", Optional.empty(), "{\"amount\":3}", Optional.empty(), T0)));
    }

    private List<LedgerEntry> chain() {
        return store.ledger(LedgerQuery.thread(THREAD, 10));
    }

    private static LedgerEntry withPayload(LedgerEntry entry, String payload) {
        var w = entry.write();
        return new LedgerEntry(
                entry.sequence(),
                entry.threadId(),
                entry.namespace(),
                entry.checkpointId(),
                new LedgerWrite(w.type(), w.key(), payload, w.node(), w.recordedAt(), w.correlationId(), w.subject()),
                entry.threadSequence(),
                entry.previousHash(),
                entry.hash());
    }
}
