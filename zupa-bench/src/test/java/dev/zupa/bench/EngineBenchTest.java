package dev.zupa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny runs of every scenario: the workloads give the expected results, not how fast they are. */
class EngineBenchTest {
    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "dir=" + dir;
        EngineBench.run(Options.parse(all), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linearInMemoryIsCorrectOnBothEngines() throws Exception {
        var out = run("scenario=linear", "store=memory", "n=20", "runs=1", "warmup=0");
        assertThat(out)
                .contains("impl=zupa-memory threads=1 n=20 runs=1")
                .contains("impl=lg4j-memorysaver threads=1 n=20 runs=1")
                .contains("RATIO scenario=linear store=memory");
        assertThat(out.lines().filter(l -> l.startsWith("RESULT")))
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("mismatches=0/20").contains("checkpoints/thread=11"));
        assertThat(out).contains("checkpoint-writes/inv=11.00");
    }

    @Test
    void fanoutFindsTheDuplicatingAppender() throws Exception {
        var out = run("scenario=fanout", "store=memory", "n=10", "runs=1", "warmup=0");
        assertThat(out.lines().filter(l -> l.contains("impl=zupa-memory ")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("mismatches=0/10").contains("checkpoints/thread=4"));
        assertThat(out.lines().filter(l -> l.contains("impl=lg4j-memorysaver-appender ")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("mismatches=0/10"));
        assertThat(out.lines().filter(l -> l.contains("impl=lg4j-memorysaver-appenderDup ")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("mismatches=10/10"));
    }

    @Test
    void sqliteRunsNextToTheRawCeiling() throws Exception {
        var out = run("scenario=linear", "store=sqlite", "n=4", "runs=1", "warmup=0", "rawN=4", "threads=2");
        assertThat(out)
                .contains("impl=raw-jdbc-insert+commit threads=1 n=4")
                .contains("impl=zupa-sqlite threads=2 n=4")
                .contains("raw 1-thread commits/s");
        assertThat(out.lines().filter(l -> l.startsWith("RESULT")))
                .allSatisfy(l -> assertThat(l).contains("mismatches=0/4"));
    }

    @Test
    void growthCountsBytesPerTurn() throws Exception {
        var out = run("scenario=growth", "store=memory", "turns=12");
        assertThat(out.lines().filter(l -> l.startsWith("RESULT"))).hasSize(2).allSatisfy(l -> assertThat(l)
                .contains("mismatches=0"));
    }

    @Test
    void rejectsUnknownArguments() {
        assertThatThrownBy(() -> Options.parse("sceanrio=linear"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sceanrio");
    }
}
