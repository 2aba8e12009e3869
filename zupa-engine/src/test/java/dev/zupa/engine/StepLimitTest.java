package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StepLimitTest {
    static final Channel<Integer, Integer> TICKS = Channel.reducer("ticks", Integer.class, Integer::sum, 0);

    private final AtomicInteger executions = new AtomicInteger();

    /** A node that loops back to itself until it has ticked {@code stopAt} times. */
    private Graph loop(int stopAt) {
        return builder()
                .channel(TICKS)
                .node("tick", ctx -> {
                    executions.incrementAndGet();
                    ctx.write(TICKS, 1);
                })
                .edge(Graph.START, "tick")
                .conditionalEdge("tick", s -> s.get(TICKS) >= stopAt ? Graph.END : "tick", List.of("tick", Graph.END))
                .build();
    }

    @Test
    @DisplayName("check 7: a run fails with a typed error after exactly N steps and keeps the pending tasks")
    void check07StopsAfterExactlyTheLimitAndKeepsPendingTasks() {
        var graph = loop(1_000);
        var thread = ThreadId.of("t");

        assertThatThrownBy(() ->
                        graph.invoke(Input.none(), RunConfig.forThread(thread).stepLimit(5)))
                .isInstanceOfSatisfying(StepLimitExceededException.class, e -> assertThat(e.limit())
                        .isEqualTo(5))
                .hasMessageContaining("thread t reached its step limit of 5 with [tick] still to run");

        assertThat(executions).hasValue(5);
        var latest = graph.state(thread).orElseThrow();
        assertThat(latest.checkpoint().step()).isEqualTo(5);
        assertThat(latest.values().get(TICKS)).isEqualTo(5);
        assertThat(latest.next()).extracting(PlannedTask::node).containsExactly("tick");
    }

    @Test
    @DisplayName("check 7: the default step limit is 25")
    void check07DefaultLimitIs25() {
        var graph = loop(1_000);

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t"))
                .isInstanceOfSatisfying(StepLimitExceededException.class, e -> assertThat(e.limit())
                        .isEqualTo(25));

        assertThat(executions).hasValue(25);
        assertThat(RunConfig.forThread("t").stepLimit())
                .isEqualTo(RunConfig.DEFAULT_STEP_LIMIT)
                .isEqualTo(25);
    }

    @Test
    void aRunThatNeedsExactlyTheLimitCompletes() {
        var graph = loop(3);

        var outcome = graph.invoke(Input.none(), RunConfig.forThread("t").stepLimit(3));

        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Completed.class, c -> assertThat(c.steps())
                .isEqualTo(3));
        assertThat(executions).hasValue(3);
    }

    @Test
    void resumeWithAHigherLimitContinuesWhereTheLimitStopped() {
        var graph = loop(8);
        var config = RunConfig.forThread("t").stepLimit(5);
        assertThatThrownBy(() -> graph.invoke(Input.none(), config)).isInstanceOf(StepLimitExceededException.class);

        var outcome = graph.resume(config.stepLimit(10));

        assertThat(outcome.state().get(TICKS)).isEqualTo(8);
        assertThat(executions).hasValue(8);
    }

    @Test
    void rejectsLimitBelowOne() {
        assertThatThrownBy(() -> RunConfig.forThread("t").stepLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stepLimit must be at least 1, was 0");
    }
}
