package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {
    static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);

    private final ConcurrentHashMap<String, Integer> runs = new ConcurrentHashMap<>();
    // shared by the graph "before" and "after the restart": checkpoint ids must stay unique across processes
    private final SequentialIds ids = new SequentialIds();

    private Graph abc(RecordingStore store) {
        var b = builder(store).ids(ids).channel(LOG);
        for (var node : List.of("a", "b", "c")) {
            b.node(node, ctx -> {
                runs.merge(ctx.node(), 1, Integer::sum);
                ctx.write(LOG, ctx.node());
            });
        }
        return b.edge(Graph.START, "a")
                .edge("a", "b")
                .edge("b", "c")
                .edge("c", Graph.END)
                .build();
    }

    @Test
    @DisplayName("check 11: a run that dies between two steps resumes from the last committed checkpoint")
    void check11ResumesFromTheLastCommittedStepWithoutRerunningIt() {
        // puts: #1 input, #2 after a, #3 after b (lost), …
        var store = new RecordingStore().failPut(3);
        var graph = abc(store);
        var config = RunConfig.forThread("t");

        assertThatThrownBy(() -> graph.invoke(Input.none(), config))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContaining("injected failure of put #3");
        var latest = graph.state(ThreadId.of("t")).orElseThrow();
        assertThat(latest.checkpoint().step()).isEqualTo(1);
        assertThat(latest.next()).extracting(PlannedTask::node).containsExactly("b");

        // a process restarting on the same store builds the graph again
        var restarted = abc(store);
        var outcome = restarted.resume(config);

        assertThat(outcome.state().get(LOG)).containsExactly("a", "b", "c");
        assertThat(runs).containsEntry("a", 1).containsEntry("b", 2).containsEntry("c", 1);
        assertThat(restarted.history(ThreadId.of("t"), 10))
                .extracting(s -> s.checkpoint().step())
                .containsExactly(3L, 2L, 1L, 0L);
    }

    @Test
    void aLostBootstrapCheckpointLeavesTheThreadUnstarted() {
        var store = new RecordingStore().failPut(1);
        var graph = abc(store);

        assertThatThrownBy(() -> graph.invoke(Input.none(), "t")).isInstanceOf(CheckpointStoreException.class);

        assertThat(runs).isEmpty();
        assertThat(graph.state(ThreadId.of("t"))).isEmpty();
        assertThat(graph.invoke(Input.none(), "t").state().get(LOG)).containsExactly("a", "b", "c");
    }
}
