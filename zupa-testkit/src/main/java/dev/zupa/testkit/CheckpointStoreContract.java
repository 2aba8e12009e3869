package dev.zupa.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.zupa.core.json.JsonCodec;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointSource;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.Interrupt;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.engine.checkpoint.LedgerWrite;
import dev.zupa.engine.checkpoint.PendingWrite;
import dev.zupa.engine.checkpoint.PlannedTask;
import dev.zupa.engine.checkpoint.StoredCheckpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link CheckpointStore} must have, as a JUnit 5 test suite. The in-memory store is the
 * reference; a store passes this suite to prove it can stand in for it.
 *
 * <p>Extend it in a test class and implement {@link #createStore()}; a durable store also overrides
 * {@link #reopen()} so that the suite can check that what was stored survives closing the store:
 *
 * <pre>{@code
 * class SqliteCheckpointStoreTest extends CheckpointStoreContract {
 *     @TempDir Path dir;
 *
 *     protected CheckpointStore createStore() {
 *         return SqliteCheckpointStore.open(dir.resolve("test.db"));
 *     }
 *
 *     protected Optional<CheckpointStore> reopen() {
 *         return Optional.of(SqliteCheckpointStore.open(dir.resolve("test.db")));
 *     }
 * }
 * }</pre>
 *
 * <p>JUnit creates a new instance of the test class for every test, calls {@link #createStore()} before it and closes
 * the store after it.
 *
 * <p>The ledger's tests come from {@link LedgerContract} and run for stores that keep a ledger. To run its tamper
 * tests too, override {@link #changeLedgerPayload(long, String)} and {@link #deleteLedgerEntry(long)} with a way
 * around the store's API (SQL against the file, for the SQLite store).
 *
 * @since 0.1
 */
public abstract class CheckpointStoreContract extends LedgerContract {
    private static final String ROOT = "";
    private static final ThreadId THREAD = ThreadId.of("thread-a");
    private static final ThreadId OTHER_THREAD = ThreadId.of("thread-b");
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

    private CheckpointStore store;

    /** For subclasses. */
    protected CheckpointStoreContract() {}

    /**
     * Creates the store under test, empty. Called once before every test.
     *
     * @return a new, empty, open store; never null
     */
    protected abstract CheckpointStore createStore();

    /**
     * Opens a new store over the same storage as the store the last {@link #createStore()} call returned, which the
     * suite has closed before calling this. A store with no durable storage (the in-memory one) keeps the default,
     * and the durability test is skipped for it.
     *
     * @return a new store over the same storage, or empty when the store cannot be reopened; never null
     */
    protected Optional<CheckpointStore> reopen() {
        return Optional.empty();
    }

    /**
     * The store of the running test.
     *
     * @return the store created for this test (or reopened by it); never null
     */
    @Override
    protected final CheckpointStore store() {
        return store;
    }

    /** Creates the store for one test. */
    @BeforeEach
    public final void createStoreUnderTest() {
        store = createStore();
    }

    /** Closes the store after one test. */
    @AfterEach
    public final void closeStoreUnderTest() {
        store.close();
    }

    /** A checkpoint just put is the latest, and each of its channels comes back as its blob chain, oldest first. */
    @Test
    public void putThenLatestReturnsTheCheckpointWithItsBlobChainsOldestFirst() {
        var first = checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of("messages", "m1", "count", "c1"));
        store.put(first, List.of(full("messages", "m1", "[\"hi\"]"), full("count", "c1", "1")));
        var second = checkpoint(THREAD, ROOT, "cp-2", Optional.of("cp-1"), 1, Map.of("messages", "m2", "count", "c1"));
        store.put(second, List.of(delta("messages", "m2", "m1", "[\"hello\"]")));
        var third = checkpoint(THREAD, ROOT, "cp-3", Optional.of("cp-2"), 2, Map.of("messages", "m3", "count", "c1"));
        store.put(third, List.of(delta("messages", "m3", "m2", "[\"bye\"]")));

        var latest = store.latest(THREAD, ROOT).orElseThrow();

        assertThat(latest.checkpoint()).isEqualTo(third);
        assertThat(latest.channels()).containsOnlyKeys("messages", "count");
        assertThat(latest.channels().get("messages"))
                .containsExactly(
                        full("messages", "m1", "[\"hi\"]"),
                        delta("messages", "m2", "m1", "[\"hello\"]"),
                        delta("messages", "m3", "m2", "[\"bye\"]"));
        assertThat(latest.channels().get("count")).containsExactly(full("count", "c1", "1"));
        assertThat(latest.pendingWrites()).isEmpty();
    }

    /** A delta whose chain starts from an empty channel (no base version) is a complete chain on its own. */
    @Test
    public void deltaWithoutBaseVersionIsACompleteChain() {
        var cp = checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of("log", "l1"));
        store.put(cp, List.of(new ChannelBlob("log", "l1", ChannelBlob.Kind.DELTA, Optional.empty(), bytes("[1]"))));

        var chain = store.latest(THREAD, ROOT).orElseThrow().channels().get("log");

        assertThat(chain)
                .containsExactly(new ChannelBlob("log", "l1", ChannelBlob.Kind.DELTA, Optional.empty(), bytes("[1]")));
    }

    /** Latest means most recently put, not the greatest id or step. */
    @Test
    public void latestIsTheMostRecentlyPutCheckpoint() {
        store.put(checkpoint(THREAD, ROOT, "zzz", Optional.empty(), 7, Map.of()), List.of());
        store.put(checkpoint(THREAD, ROOT, "aaa", Optional.of("zzz"), 3, Map.of()), List.of());

        assertThat(store.latest(THREAD, ROOT).orElseThrow().checkpoint().id()).isEqualTo(CheckpointId.of("aaa"));

        store.put(checkpoint(THREAD, ROOT, "mmm", Optional.of("aaa"), 4, Map.of()), List.of());

        assertThat(store.latest(THREAD, ROOT).orElseThrow().checkpoint().id()).isEqualTo(CheckpointId.of("mmm"));
    }

    /** Get returns an older checkpoint with the blob chains as they were at that checkpoint. */
    @Test
    public void getReturnsTheCheckpointWithThatIdAndItsOwnChains() {
        var first = checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of("messages", "m1"));
        store.put(first, List.of(full("messages", "m1", "[1]")));
        var second = checkpoint(THREAD, ROOT, "cp-2", Optional.of("cp-1"), 1, Map.of("messages", "m2"));
        store.put(second, List.of(delta("messages", "m2", "m1", "[2]")));

        var got = store.get(THREAD, ROOT, CheckpointId.of("cp-1")).orElseThrow();

        assertThat(got.checkpoint()).isEqualTo(first);
        assertThat(got.channels()).isEqualTo(Map.of("messages", List.of(full("messages", "m1", "[1]"))));
        assertThat(store.get(THREAD, ROOT, CheckpointId.of("cp-2"))
                        .orElseThrow()
                        .channels()
                        .get("messages"))
                .hasSize(2);
    }

    /** Reads of a thread or id that were never stored come back empty rather than failing. */
    @Test
    public void unknownThreadOrIdReadsAsEmpty() {
        store.put(checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of()), List.of());

        assertThat(store.latest(OTHER_THREAD, ROOT)).isEmpty();
        assertThat(store.get(OTHER_THREAD, ROOT, CheckpointId.of("cp-1"))).isEmpty();
        assertThat(store.get(THREAD, ROOT, CheckpointId.of("nope"))).isEmpty();
        assertThat(store.history(OTHER_THREAD, ROOT, 10)).isEmpty();
        assertThat(store.latest(THREAD, "no/such/namespace")).isEmpty();
    }

    /** History lists checkpoints newest first and stops at the limit. */
    @Test
    public void historyListsNewestFirstUpToTheLimit() {
        var ids = List.of("e", "d", "c", "b", "a");
        Optional<String> parent = Optional.empty();
        for (int i = 0; i < ids.size(); i++) {
            store.put(checkpoint(THREAD, ROOT, ids.get(i), parent, i, Map.of()), List.of());
            parent = Optional.of(ids.get(i));
        }

        assertThat(ids(store.history(THREAD, ROOT, 100))).containsExactly("a", "b", "c", "d", "e");
        assertThat(ids(store.history(THREAD, ROOT, 2))).containsExactly("a", "b");
        assertThat(store.history(THREAD, ROOT, 1).get(0))
                .isEqualTo(checkpoint(THREAD, ROOT, "a", Optional.of("b"), 4, Map.of()));
    }

    /** A history limit below one is a programming error. */
    @Test
    public void historyRejectsANonPositiveLimit() {
        assertThatThrownBy(() -> store.history(THREAD, ROOT, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Two children of one parent are both kept, and each resolves its own chain from the shared parent blob. */
    @Test
    public void forksKeepBothChildrenAndEachResolvesItsOwnChain() {
        store.put(
                checkpoint(THREAD, ROOT, "parent", Optional.empty(), 0, Map.of("messages", "v1")),
                List.of(full("messages", "v1", "[0]")));
        store.put(
                checkpoint(THREAD, ROOT, "left", Optional.of("parent"), 1, Map.of("messages", "v2-left")),
                List.of(delta("messages", "v2-left", "v1", "[\"L\"]")));
        store.put(
                checkpoint(THREAD, ROOT, "right", Optional.of("parent"), 1, Map.of("messages", "v2-right")),
                List.of(delta("messages", "v2-right", "v1", "[\"R\"]")));

        assertThat(ids(store.history(THREAD, ROOT, 10))).containsExactly("right", "left", "parent");
        assertThat(store.get(THREAD, ROOT, CheckpointId.of("left"))
                        .orElseThrow()
                        .channels()
                        .get("messages"))
                .containsExactly(full("messages", "v1", "[0]"), delta("messages", "v2-left", "v1", "[\"L\"]"));
        assertThat(store.get(THREAD, ROOT, CheckpointId.of("right"))
                        .orElseThrow()
                        .channels()
                        .get("messages"))
                .containsExactly(full("messages", "v1", "[0]"), delta("messages", "v2-right", "v1", "[\"R\"]"));
        assertThat(store.latest(THREAD, ROOT).orElseThrow().checkpoint().id()).isEqualTo(CheckpointId.of("right"));
    }

    /** Putting the same checkpoint and blobs twice stores them once, so a caller may retry a put. */
    @Test
    public void putIsIdempotent() {
        var cp = checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of("messages", "m1"));
        store.put(cp, List.of(full("messages", "m1", "[1]")));
        store.put(cp, List.of(full("messages", "m1", "[1]")));

        assertThat(store.history(THREAD, ROOT, 10)).containsExactly(cp);
        assertThat(store.latest(THREAD, ROOT).orElseThrow().channels().get("messages"))
                .containsExactly(full("messages", "m1", "[1]"));
    }

    /** Putting an older checkpoint again (a retried put) does not make it the latest. */
    @Test
    public void repeatedPutOfAnOlderCheckpointDoesNotMakeItLatest() {
        var first = checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of());
        var second = checkpoint(THREAD, ROOT, "cp-2", Optional.of("cp-1"), 1, Map.of());
        store.put(first, List.of());
        store.put(second, List.of());
        store.put(first, List.of());

        assertThat(store.latest(THREAD, ROOT).orElseThrow().checkpoint()).isEqualTo(second);
        assertThat(ids(store.history(THREAD, ROOT, 10))).containsExactly("cp-2", "cp-1");
    }

    /** Pending writes come back with their checkpoint, sorted by task id, kind and index, whatever the put order. */
    @Test
    public void pendingWritesAreStoredAgainstTheirCheckpointInTaskKindIndexOrder() {
        store.put(checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of()), List.of());
        store.put(checkpoint(THREAD, ROOT, "cp-2", Optional.of("cp-1"), 1, Map.of()), List.of());
        var writes = List.of(
                write("task-b", PendingWrite.Kind.RESULT, 0, "b"),
                write("task-a", PendingWrite.Kind.RESUME, 1, "a-resume-1"),
                write("task-a", PendingWrite.Kind.RESUME, 0, "a-resume-0"),
                write("task-a", PendingWrite.Kind.INTERRUPT, 0, "a-interrupt"),
                write("task-a", PendingWrite.Kind.RESULT, 0, "a-result"));
        store.putPendingWrites(THREAD, ROOT, CheckpointId.of("cp-1"), writes);

        var expected = List.of(
                write("task-a", PendingWrite.Kind.RESULT, 0, "a-result"),
                write("task-a", PendingWrite.Kind.INTERRUPT, 0, "a-interrupt"),
                write("task-a", PendingWrite.Kind.RESUME, 0, "a-resume-0"),
                write("task-a", PendingWrite.Kind.RESUME, 1, "a-resume-1"),
                write("task-b", PendingWrite.Kind.RESULT, 0, "b"));
        assertThat(store.get(THREAD, ROOT, CheckpointId.of("cp-1"))
                        .orElseThrow()
                        .pendingWrites())
                .containsExactlyElementsOf(expected);
        assertThat(store.latest(THREAD, ROOT).orElseThrow().pendingWrites()).isEmpty();
    }

    /** A pending write with the same task, kind and index as a stored one replaces it; others are kept. */
    @Test
    public void pendingWriteWithSameTaskKindAndIndexReplacesTheOldOne() {
        store.put(checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of()), List.of());
        var id = CheckpointId.of("cp-1");
        store.putPendingWrites(
                THREAD,
                ROOT,
                id,
                List.of(write("t", PendingWrite.Kind.RESUME, 0, "old"), write("t", PendingWrite.Kind.RESULT, 0, "r")));
        store.putPendingWrites(THREAD, ROOT, id, List.of(write("t", PendingWrite.Kind.RESUME, 0, "new")));
        store.putPendingWrites(THREAD, ROOT, id, List.of(write("t", PendingWrite.Kind.RESUME, 0, "new")));

        assertThat(store.latest(THREAD, ROOT).orElseThrow().pendingWrites())
                .containsExactly(
                        write("t", PendingWrite.Kind.RESULT, 0, "r"), write("t", PendingWrite.Kind.RESUME, 0, "new"));
    }

    /** Pending writes against a checkpoint that was never stored are refused, naming the thread. */
    @Test
    public void pendingWritesForAnUnknownCheckpointFailNamingTheThread() {
        store.put(checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of()), List.of());

        assertThatThrownBy(() -> store.putPendingWrites(
                        THREAD,
                        ROOT,
                        CheckpointId.of("missing"),
                        List.of(write("t", PendingWrite.Kind.RESULT, 0, "x"))))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContaining(THREAD.value());
        assertThatThrownBy(() -> store.putPendingWrites(
                        OTHER_THREAD,
                        ROOT,
                        CheckpointId.of("cp-1"),
                        List.of(write("t", PendingWrite.Kind.RESULT, 0, "x"))))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContaining(OTHER_THREAD.value());
        assertThat(store.latest(THREAD, ROOT).orElseThrow().pendingWrites()).isEmpty();
    }

    /** Deleting a thread removes its checkpoints, blobs and pending writes in every namespace, and nothing else. */
    @Test
    public void deleteThreadRemovesEveryNamespaceOfThatThreadOnly() {
        for (var ns : List.of(ROOT, "child")) {
            store.put(
                    checkpoint(THREAD, ns, "cp-1", Optional.empty(), 0, Map.of("messages", "m1")),
                    List.of(full("messages", "m1", "[1]")));
            store.putPendingWrites(
                    THREAD, ns, CheckpointId.of("cp-1"), List.of(write("t", PendingWrite.Kind.RESULT, 0, "x")));
        }
        var kept = checkpoint(OTHER_THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of("messages", "m1"));
        store.put(kept, List.of(full("messages", "m1", "[2]")));

        store.deleteThread(THREAD);

        assertThat(store.latest(THREAD, ROOT)).isEmpty();
        assertThat(store.latest(THREAD, "child")).isEmpty();
        assertThat(store.history(THREAD, "child", 10)).isEmpty();
        var other = store.latest(OTHER_THREAD, ROOT).orElseThrow();
        assertThat(other.checkpoint()).isEqualTo(kept);
        assertThat(other.channels().get("messages")).containsExactly(full("messages", "m1", "[2]"));

        // the same ids can be used again, and nothing old (pending writes, blobs) comes back with them
        store.put(checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of()), List.of());
        assertThat(store.latest(THREAD, ROOT).orElseThrow().pendingWrites()).isEmpty();
        store.put(checkpoint(THREAD, ROOT, "cp-2", Optional.of("cp-1"), 1, Map.of("messages", "m1")), List.of());
        assertThatThrownBy(() -> store.latest(THREAD, ROOT)).isInstanceOf(CheckpointStoreException.class);
    }

    /** Deleting a thread that has nothing stored does nothing. */
    @Test
    public void deleteOfAnUnknownThreadDoesNothing() {
        store.put(checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of()), List.of());

        store.deleteThread(OTHER_THREAD);

        assertThat(store.history(THREAD, ROOT, 10)).hasSize(1);
    }

    /** Namespaces of one thread have their own checkpoints, latest, history, blobs and pending writes. */
    @Test
    public void namespacesAreIndependent() {
        var root = checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of("messages", "v1"));
        var child = checkpoint(THREAD, "agent:1", "cp-1", Optional.empty(), 5, Map.of("messages", "v1"));
        store.put(root, List.of(full("messages", "v1", "\"root\"")));
        store.put(child, List.of(full("messages", "v1", "\"child\"")));
        store.put(checkpoint(THREAD, "agent:1", "cp-2", Optional.of("cp-1"), 6, Map.of("messages", "v1")), List.of());
        store.putPendingWrites(
                THREAD, "agent:1", CheckpointId.of("cp-1"), List.of(write("t", PendingWrite.Kind.RESULT, 0, "x")));

        var rootLatest = store.latest(THREAD, ROOT).orElseThrow();
        assertThat(rootLatest.checkpoint()).isEqualTo(root);
        assertThat(rootLatest.channels().get("messages")).containsExactly(full("messages", "v1", "\"root\""));
        assertThat(rootLatest.pendingWrites()).isEmpty();
        assertThat(ids(store.history(THREAD, ROOT, 10))).containsExactly("cp-1");
        var childCp = store.get(THREAD, "agent:1", CheckpointId.of("cp-1")).orElseThrow();
        assertThat(childCp.checkpoint()).isEqualTo(child);
        assertThat(childCp.channels().get("messages")).containsExactly(full("messages", "v1", "\"child\""));
        assertThat(childCp.pendingWrites()).hasSize(1);
        assertThat(ids(store.history(THREAD, "agent:1", 10))).containsExactly("cp-2", "cp-1");
    }

    /** A checkpoint naming a version that is not stored fails to load, naming thread, checkpoint and channel. */
    @Test
    public void missingBlobFailsNamingThreadCheckpointAndChannel() {
        store.put(checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of("messages", "m9")), List.of());

        assertThatThrownBy(() -> store.latest(THREAD, ROOT))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-1", "messages");
        assertThatThrownBy(() -> store.get(THREAD, ROOT, CheckpointId.of("cp-1")))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-1", "messages");
    }

    /** A delta whose base version is not stored is a broken chain, reported like a missing blob. */
    @Test
    public void missingBaseOfADeltaFailsNamingThreadCheckpointAndChannel() {
        store.put(
                checkpoint(THREAD, ROOT, "cp-7", Optional.empty(), 0, Map.of("notes", "n2")),
                List.of(delta("notes", "n2", "n1", "[2]")));

        assertThatThrownBy(() -> store.latest(THREAD, ROOT))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContainingAll(THREAD.value(), "cp-7", "notes");
    }

    /** Every operation of a closed store fails with a store exception; closing twice is allowed. */
    @Test
    public void closedStoreFailsEveryOperation() {
        var cp = checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of());
        store.put(cp, List.of());
        store.close();
        store.close();

        var id = CheckpointId.of("cp-1");
        var writes = List.of(write("t", PendingWrite.Kind.RESULT, 0, "x"));
        assertThatThrownBy(() -> store.put(cp, List.of())).isInstanceOf(CheckpointStoreException.class);
        assertThatThrownBy(() -> store.putPendingWrites(THREAD, ROOT, id, writes))
                .isInstanceOf(CheckpointStoreException.class);
        assertThatThrownBy(() -> store.latest(THREAD, ROOT)).isInstanceOf(CheckpointStoreException.class);
        assertThatThrownBy(() -> store.get(THREAD, ROOT, id)).isInstanceOf(CheckpointStoreException.class);
        assertThatThrownBy(() -> store.history(THREAD, ROOT, 10)).isInstanceOf(CheckpointStoreException.class);
        assertThatThrownBy(() -> store.deleteThread(THREAD)).isInstanceOf(CheckpointStoreException.class);
    }

    /**
     * Many virtual threads putting at once, into threads of their own and into one shared thread, lose nothing.
     *
     * @throws Exception when a put fails or the wait is interrupted
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public void concurrentPutsFromManyVirtualThreadsLoseNothing() throws Exception {
        int threads = 32;
        int perThread = 10;
        int shared = 200;
        var futures = new ArrayList<Future<?>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                var thread = ThreadId.of("own-" + t);
                futures.add(executor.submit(() -> putChain(thread, perThread)));
            }
            for (int i = 0; i < shared; i++) {
                var id = "shared-" + i;
                futures.add(executor.submit(() -> store.put(
                        checkpoint(OTHER_THREAD, ROOT, id, Optional.empty(), 0, Map.of("c", "v-" + id)),
                        List.of(full("c", "v-" + id, "\"" + id + "\"")))));
            }
            for (var future : futures) {
                getOrRethrow(future);
            }
        }

        for (int t = 0; t < threads; t++) {
            var thread = ThreadId.of("own-" + t);
            assertThat(store.history(thread, ROOT, 1000)).hasSize(perThread);
            var latest = store.latest(thread, ROOT).orElseThrow();
            assertThat(latest.checkpoint().id()).isEqualTo(CheckpointId.of("step-" + (perThread - 1)));
            assertThat(latest.channels().get("log")).hasSize(perThread);
        }
        var sharedHistory = store.history(OTHER_THREAD, ROOT, 10_000);
        var expected = new HashSet<String>();
        for (int i = 0; i < shared; i++) {
            expected.add("shared-" + i);
        }
        assertThat(sharedHistory).hasSize(shared);
        assertThat(new HashSet<>(ids(sharedHistory))).isEqualTo(expected);
        for (int i = 0; i < shared; i += 37) {
            var id = "shared-" + i;
            assertThat(store.get(OTHER_THREAD, ROOT, CheckpointId.of(id))
                            .orElseThrow()
                            .channels()
                            .get("c"))
                    .containsExactly(full("c", "v-" + id, "\"" + id + "\""));
        }
    }

    /** Every field of a checkpoint comes back exactly as it was put, including JSON payloads and nanoseconds. */
    @Test
    public void checkpointFieldsRoundTripExactly() {
        var mapper = JsonCodec.defaults().mapper();
        JsonNode question = mapper.createObjectNode()
                .put("question", "Approve the refund?")
                .put("amount", 42)
                .put("ratio", 0.25)
                .put("urgent", true)
                .set("items", mapper.createArrayNode().add("a").add(1).addNull());
        JsonNode sendArgument = mapper.createObjectNode().put("city", "Zagreb").put("population", 3_000_000_000L);
        var cp = new Checkpoint(
                CheckpointId.of("cp-full"),
                THREAD,
                "parent:1|child:2",
                Optional.of(CheckpointId.of("cp-before")),
                12_345_678_901L,
                T0,
                CheckpointSource.UPDATE,
                Map.of("messages", "00000003.ab", "count", "00000001.cd"),
                Map.of("agent", Map.of("messages", "00000002.ab"), "tools", Map.of()),
                List.of(
                        new PlannedTask("task-1", "agent", Optional.empty()),
                        new PlannedTask("task-2", "weather", Optional.of(sendArgument))),
                List.of(
                        new Interrupt("task-1", "agent", Interrupt.Kind.DYNAMIC, question),
                        new Interrupt("task-2", "weather", Interrupt.Kind.BEFORE, NullNode.getInstance())),
                Map.of("runId", "run-1", "writer", "agent", "unicode", "čćžšđ ✓"));
        var blobs = List.of(full("messages", "00000003.ab", "[]"), full("count", "00000001.cd", "0"));
        store.put(cp, blobs);

        assertThat(store.get(THREAD, "parent:1|child:2", cp.id()).orElseThrow().checkpoint())
                .isEqualTo(cp);
        assertThat(store.history(THREAD, "parent:1|child:2", 1)).containsExactly(cp);
    }

    /** Binary blob and pending-write data comes back byte for byte, including bytes that are not UTF-8. */
    @Test
    public void binaryDataRoundTripsExactly() {
        var data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        var blob = new ChannelBlob("bin", "b1", ChannelBlob.Kind.FULL, Optional.empty(), data);
        store.put(checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of("bin", "b1")), List.of(blob));
        var empty = new PendingWrite("t", PendingWrite.Kind.RESULT, 0, new byte[0]);
        var binary = new PendingWrite("t", PendingWrite.Kind.RESULT, 1, data);
        store.putPendingWrites(THREAD, ROOT, CheckpointId.of("cp-1"), List.of(binary, empty));

        StoredCheckpoint stored = store.latest(THREAD, ROOT).orElseThrow();

        assertThat(stored.channels().get("bin")).containsExactly(blob);
        assertThat(stored.pendingWrites()).containsExactly(empty, binary);
    }

    /**
     * What a durable store stored is still there after it is closed and opened again, and new puts after reopening
     * are newer than the old ones. Skipped for stores that {@link #reopen()} cannot reopen.
     */
    @Test
    public void storedDataSurvivesCloseAndReopen() {
        var first = checkpoint(THREAD, ROOT, "cp-1", Optional.empty(), 0, Map.of("messages", "m1"));
        var second = checkpoint(THREAD, ROOT, "cp-2", Optional.of("cp-1"), 1, Map.of("messages", "m2"));
        store.put(first, List.of(full("messages", "m1", "[1]")));
        store.put(second, List.of(delta("messages", "m2", "m1", "[2]")));
        store.putPendingWrites(
                THREAD, ROOT, CheckpointId.of("cp-2"), List.of(write("t", PendingWrite.Kind.INTERRUPT, 0, "ask")));
        store.close();

        var reopened = reopen();
        assumeTrue(reopened.isPresent(), "this store has no durable storage to reopen");
        store = reopened.get();

        var latest = store.latest(THREAD, ROOT).orElseThrow();
        assertThat(latest.checkpoint()).isEqualTo(second);
        assertThat(latest.channels().get("messages"))
                .containsExactly(full("messages", "m1", "[1]"), delta("messages", "m2", "m1", "[2]"));
        assertThat(latest.pendingWrites()).containsExactly(write("t", PendingWrite.Kind.INTERRUPT, 0, "ask"));
        var third = checkpoint(THREAD, ROOT, "cp-0", Optional.of("cp-2"), 2, Map.of("messages", "m2"));
        store.put(third, List.of());
        assertThat(ids(store.history(THREAD, ROOT, 10))).containsExactly("cp-0", "cp-2", "cp-1");
    }

    private void putChain(ThreadId thread, int length) {
        Optional<String> parent = Optional.empty();
        Optional<String> base = Optional.empty();
        for (int i = 0; i < length; i++) {
            var id = "step-" + i;
            var version = thread.value() + "-v" + i;
            store.put(
                    checkpoint(thread, ROOT, id, parent, i, Map.of("log", version)),
                    List.of(new ChannelBlob("log", version, ChannelBlob.Kind.DELTA, base, bytes("[" + i + "]"))));
            parent = Optional.of(id);
            base = Optional.of(version);
        }
    }

    private static void getOrRethrow(Future<?> future) throws Exception {
        try {
            future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Checkpoint checkpoint(
            ThreadId thread,
            String namespace,
            String id,
            Optional<String> parent,
            long step,
            Map<String, String> channelVersions) {
        return new Checkpoint(
                CheckpointId.of(id),
                thread,
                namespace,
                parent.map(CheckpointId::of),
                step,
                T0.plusSeconds(step),
                step == 0 ? CheckpointSource.INPUT : CheckpointSource.LOOP,
                channelVersions,
                Map.of(),
                List.of(),
                List.of(),
                Map.of("runId", "run-" + id));
    }

    private static ChannelBlob full(String channel, String version, String json) {
        return new ChannelBlob(channel, version, ChannelBlob.Kind.FULL, Optional.empty(), bytes(json));
    }

    private static ChannelBlob delta(String channel, String version, String base, String json) {
        return new ChannelBlob(channel, version, ChannelBlob.Kind.DELTA, Optional.of(base), bytes(json));
    }

    private static PendingWrite write(String task, PendingWrite.Kind kind, int index, String text) {
        return new PendingWrite(task, kind, index, bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    // ---- ledger (skipped for stores that keep none) ------------------------------------------------------------

    /** The ledger survives closing and reopening the store. */
    @Test
    public void ledgerSurvivesReopening() {
        assumeTrue(store.keepsLedger(), "this store keeps no ledger");
        store.appendLedger(THREAD, ROOT, List.of(entry("inbound.received", "m-1", "{\"text\":\"hi\"}")));
        store.close();
        var reopened = reopen();
        assumeTrue(reopened.isPresent(), "this store cannot be reopened");
        store = reopened.get();

        assertThat(store.ledger(LedgerQuery.keyed("inbound.received", "m-1")))
                .singleElement()
                .satisfies(e -> assertThat(e.write()).isEqualTo(entry("inbound.received", "m-1", "{\"text\":\"hi\"}")));
        assertThat(store.verifyLedger().ok()).isTrue();
        store.appendLedger(THREAD, ROOT, List.of(entry("inbound.done", "m-1", "\"ok\"")));
        assertThat(store.ledger(LedgerQuery.thread(THREAD, 10)))
                .extracting(LedgerEntry::threadSequence)
                .containsExactly(1L, 2L);
        assertThat(store.verifyLedger(THREAD).ok()).isTrue();
    }

    private static LedgerWrite entry(String type, @Nullable String key, String payload) {
        return new LedgerWrite(type, Optional.ofNullable(key), payload, Optional.empty(), T0);
    }

    private static List<String> ids(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(c -> c.id().value()).toList();
    }
}
