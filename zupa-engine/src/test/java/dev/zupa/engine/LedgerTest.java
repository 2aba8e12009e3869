package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LedgerTest {
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
    static final ThreadId THREAD = ThreadId.of("t");

    private final CheckpointStore store = CheckpointStore.inMemory();

    @Test
    @DisplayName("check 13: every ledger entry a step records is stored with that step's checkpoint")
    void check13EntriesAreStoredWithTheirCheckpoint() {
        var graph = builder(store)
                .channels(LOG)
                .node("a", ctx -> {
                    ctx.record("model.call", Map.of("tokens", 12));
                    ctx.record("decision", Map.of("next", "b"));
                    ctx.write(LOG, "a");
                })
                .node("b", ctx -> ctx.record("tool.call", "lookup"))
                .edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", Graph.END)
                .build();

        graph.invoke(Input.none(), RunConfig.forThread(THREAD));

        var entries = store.ledger(LedgerQuery.thread(THREAD, 100));
        assertThat(entries).extracting(LedgerEntry::type).containsExactly("model.call", "decision", "tool.call");
        var history = graph.history(THREAD, 10);
        // history is newest first: [end, after a, input]
        var afterA = history.get(1).checkpoint().id();
        var afterB = history.get(0).checkpoint().id();
        assertThat(entries.get(0).checkpointId()).contains(afterA);
        assertThat(entries.get(1).checkpointId()).contains(afterA);
        assertThat(entries.get(2).checkpointId()).contains(afterB);
        assertThat(entries.get(0).write().payload()).isEqualTo("{\"tokens\":12}");
        assertThat(entries.get(0).write().node()).contains("a");
    }

    @Test
    @DisplayName("check 13: a failed step stores neither its checkpoint nor its ledger entries; a resume records once")
    void failedStepStoresNoEntries() {
        var attempts = new AtomicInteger();
        var graph = builder(store)
                .channels(LOG)
                .node("steady", ctx -> ctx.record("steady.ran", "x"))
                .node("flaky", ctx -> {
                    ctx.record("flaky.tried", attempts.incrementAndGet());
                    if (attempts.get() == 1) {
                        throw new IllegalStateException("boom");
                    }
                })
                .edge(Graph.START, "steady")
                .edge(Graph.START, "flaky")
                .edge("steady", Graph.END)
                .edge("flaky", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.none(), RunConfig.forThread(THREAD)))
                .isInstanceOf(NodeExecutionException.class);
        assertThat(store.ledger(LedgerQuery.thread(THREAD, 100))).isEmpty();

        graph.resume(RunConfig.forThread(THREAD));

        // the sibling's entry was kept with its pending result and stored once, with the step that finally committed
        assertThat(store.ledger(LedgerQuery.thread(THREAD, 100)))
                .extracting(e -> e.type() + "=" + e.write().payload())
                .containsExactly("flaky.tried=2", "steady.ran=\"x\"");
    }

    @Test
    @DisplayName("a keyed entry is stored once, however many steps record it")
    void keyedEntriesAreUnique() {
        var graph = builder(store)
                .channels(LOG)
                .node("mark", ctx -> ctx.record("inbound.processed", "msg-1", Map.of("turn", ctx.step())))
                .edge(Graph.START, "mark")
                .edge("mark", Graph.END)
                .build();

        graph.invoke(Input.none(), RunConfig.forThread(THREAD));
        graph.invoke(Input.none(), RunConfig.forThread(ThreadId.of("other")));

        assertThat(store.ledger(LedgerQuery.keyed("inbound.processed", "msg-1")))
                .singleElement()
                .satisfies(e -> assertThat(e.threadId()).isEqualTo(THREAD));
    }

    @Test
    @DisplayName("open entries are the keyed entries of one type that no closing entry answers yet")
    void openEntries() {
        var write = (java.util.function.BiFunction<String, String, dev.zupa.engine.checkpoint.LedgerWrite>)
                (type, key) -> new dev.zupa.engine.checkpoint.LedgerWrite(
                        type, Optional.of(key), "{}", Optional.empty(), Fixtures.CLOCK.instant());
        store.appendLedger(
                THREAD, "", List.of(write.apply("outbound.stored", "r1"), write.apply("outbound.stored", "r2")));
        store.appendLedger(THREAD, "", List.of(write.apply("outbound.sent", "r1")));

        assertThat(store.openLedgerEntries("outbound.stored", Set.of("outbound.sent", "outbound.failed"), 10))
                .extracting(e -> e.write().key().orElseThrow())
                .containsExactly("r2");
    }

    @Test
    @DisplayName("a payload that is not JSON fails in the node with a message naming the entry")
    void nonJsonPayloadIsRejected() {
        var graph = builder(store)
                .channels(LOG)
                .node("bad", ctx -> ctx.record("weird", new Object()))
                .edge(Graph.START, "bad")
                .edge("bad", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.none(), RunConfig.forThread(THREAD)))
                .hasStackTraceContaining("'weird' ledger entry that is not JSON");
    }
}
