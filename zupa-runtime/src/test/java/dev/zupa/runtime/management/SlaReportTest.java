package dev.zupa.runtime.management;

import static dev.zupa.runtime.management.ScriptedLoad.FAST;
import static dev.zupa.runtime.management.ScriptedLoad.MESSAGES;
import static dev.zupa.runtime.management.ScriptedLoad.SLOW;
import static dev.zupa.runtime.management.ScriptedLoad.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.adapters.sqlite.SqliteConversationDirectory;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.runtime.management.SlaReport.Outcome;
import dev.zupa.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class SlaReportTest {
    private static final Slo STRICT = Slo.defaults();
    private static final Slo LOOSE = Slo.of(0.9, Duration.ofSeconds(8));

    @TempDir
    Path dir;

    @Test
    void judgesAScriptedLoadFromTheLedgerAndAgainAfterARestart() throws Exception {
        var file = dir.resolve("load.db");
        SlaReport before;
        Instant end;
        try (var store = store(file);
                var directory = directory(file)) {
            try (var load = new ScriptedLoad(store, directory, "first-", agent -> {})) {
                end = load.run();
            }
            before = SlaReport.of(store, STRICT, START, end.plusSeconds(1));
        }

        long failing = ScriptedLoad.count(ScriptedLoad::fails);
        long late = ScriptedLoad.count(ScriptedLoad::late);
        long answered = MESSAGES - failing;
        assertThat(before.outcomes())
                .containsEntry(Outcome.ANSWERED, answered)
                .containsEntry(Outcome.FAILED, failing)
                .containsEntry(Outcome.OPEN, 0L)
                .containsEntry(Outcome.UNDELIVERED, 0L);
        assertThat(before.eligible()).isEqualTo(MESSAGES);
        assertThat(before.good()).isEqualTo(answered - late);
        assertThat(before.attainment()).isCloseTo(100.0 * (answered - late) / MESSAGES, within(1e-9));
        assertThat(before.errorBudget()).isCloseTo(0.01 * MESSAGES, within(1e-9));
        assertThat(before.errorBudgetRemaining()).isCloseTo(1 - (failing + late) / (0.01 * MESSAGES), within(1e-9));
        assertThat(before.met()).isFalse();
        assertThat(before.missesLeft()).isNegative();
        assertThat(before.latency().p50()).isEqualTo(FAST);
        assertThat(before.latency().p95()).isEqualTo(FAST);
        assertThat(before.latency().p99()).isEqualTo(SLOW);
        assertThat(before.latency().max()).isEqualTo(SLOW);

        var model = before.stages().stream()
                .filter(s -> s.stage().equals("model"))
                .findFirst()
                .orElseThrow();
        assertThat(model.calls()).isEqualTo(answered + ScriptedLoad.count(ScriptedLoad::usesTool));
        var tool = before.stages().get(0);
        assertThat(tool.stage()).isEqualTo("tool:lookup");
        assertThat(tool.calls()).isEqualTo(ScriptedLoad.count(ScriptedLoad::usesTool));
        assertThat(tool.p50()).isGreaterThanOrEqualTo(ScriptedLoad.TOOL_TIME);
        assertThat(before.slowestCalls().get(0).stage()).isEqualTo("tool:lookup");
        assertThat(before.slowestCalls().get(0).correlationId()).isPresent();

        try (var store = store(file);
                var directory = directory(file)) {
            try (var restarted = new ScriptedLoad(
                    store, directory, "second-", ManualClock.of(end.plusSeconds(60)), agent -> {}, b -> {})) {
                // the same window, read by another process over the same file
                assertThat(SlaReport.of(store, STRICT, START, end.plusSeconds(1)))
                        .isEqualTo(before);
                restarted.send("after-restart", 0);
                var both = SlaReport.of(
                        store, STRICT, START, restarted.clock.instant().plusSeconds(1));
                assertThat(both.outcomes()).containsEntry(Outcome.ANSWERED, answered + 1);
                assertThat(both.eligible()).isEqualTo(MESSAGES + 1);
            }
        }
    }

    /** NORMAL keeps every commit through a process crash (WAL), which is all a restart needs, and is much faster. */
    private static SqliteCheckpointStore store(Path file) {
        return SqliteCheckpointStore.builder()
                .path(file)
                .synchronous(SqliteCheckpointStore.Synchronous.NORMAL)
                .build();
    }

    private static SqliteConversationDirectory directory(Path file) {
        return SqliteConversationDirectory.builder()
                .path(file)
                .synchronous(SqliteCheckpointStore.Synchronous.NORMAL)
                .build();
    }

    @Test
    void aLooserObjectiveIsMetWithBudgetLeft() throws Exception {
        try (var load =
                new ScriptedLoad(CheckpointStore.inMemory(), ConversationDirectory.inMemory(), "loose-", agent -> {})) {
            var end = load.run();
            var report = SlaReport.of(load.agent.store(), LOOSE, START, end.plusSeconds(1));

            long misses = ScriptedLoad.count(ScriptedLoad::fails) + ScriptedLoad.count(ScriptedLoad::late);
            assertThat(report.met()).isTrue();
            assertThat(report.errorBudgetRemaining()).isCloseTo(1 - misses / (0.1 * MESSAGES), within(1e-9));
            assertThat(report.missesLeft()).isEqualTo((long) Math.floor(0.1 * MESSAGES - misses));
            // a window that holds no message judges nothing
            var empty = SlaReport.of(load.agent.store(), LOOSE, end.plusSeconds(5), end.plusSeconds(10));
            assertThat(empty.eligible()).isZero();
            assertThat(empty.attainment()).isEqualTo(100.0);
            assertThat(empty.stages()).isEmpty();
        }
    }

    @Test
    void anOpenMessageIsJudgedOnlyOnceOlderThanTheThreshold() throws Exception {
        try (var load =
                new ScriptedLoad(CheckpointStore.inMemory(), ConversationDirectory.inMemory(), "open-", agent -> {})) {
            load.agent.pause();
            load.transport.receiveText("user-1", "held", "m1");
            var received = load.clock.instant();

            var young = SlaReport.of(load.agent.store(), STRICT, START, received.plusSeconds(1));
            assertThat(young.outcomes()).containsEntry(Outcome.OPEN, 1L);
            assertThat(young.eligible()).isZero();

            var overdue = SlaReport.of(load.agent.store(), STRICT, START, received.plusSeconds(9));
            assertThat(overdue.eligible()).isEqualTo(1);
            assertThat(overdue.good()).isZero();
            assertThat(overdue.attainment()).isZero();
            // a paused agent's close waits for its held messages
            load.agent.resume();
        }
    }

    @Test
    void rejectsObjectivesWithoutAnErrorBudgetAndEmptyWindows() {
        assertThatThrownBy(() -> new Slo("all", 1.0, Duration.ofSeconds(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("objective must be strictly between 0 and 1, got 1.0");
        assertThatThrownBy(() -> new Slo("fast", 0.99, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold must be positive, got PT0S");
        assertThat(Slo.of(0.999, Duration.ofSeconds(2)).name()).isEqualTo("99.9% answered within PT2S");
        assertThatThrownBy(() -> SlaReport.of(CheckpointStore.inMemory(), STRICT, START, START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the window must end after it starts");
    }
}
