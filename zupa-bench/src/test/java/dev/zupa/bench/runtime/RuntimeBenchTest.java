package dev.zupa.bench.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny runs of both scenarios: the harness works and its output is sane, not how fast the runtime is. */
class RuntimeBenchTest {
    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "dir=" + dir;
        RuntimeBench.run(RuntimeBench.parse(all), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static double number(String line, String key) {
        int start = line.indexOf(key + "=") + key.length() + 1;
        int end = start;
        while (end < line.length() && " |%".indexOf(line.charAt(end)) < 0) {
            end++;
        }
        return Double.parseDouble(line.substring(start, end).replace("MiB", ""));
    }

    @Test
    void throughputAnswersEveryUserInAClosedLoop() throws Exception {
        var out = run("scenario=throughput", "users=10", "seconds=1", "warmup=1", "durability=async");
        var result = out.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElseThrow();
        assertThat(result).contains("durability=ASYNC users=10").contains("strays=0 failures=0");
        assertThat(number(result, "turns")).isPositive();
        assertThat(number(result, "p50")).isLessThanOrEqualTo(number(result, "p99"));
        assertThat(number(result, "checkpoints")).isPositive();
    }

    @Test
    void latencyOffersTheRateAskedFor() throws Exception {
        var out = run("scenario=latency", "users=20", "rate=40", "seconds=2", "warmup=1", "durability=exit");
        var result = out.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElseThrow();
        assertThat(result)
                .contains("scenario=latency durability=EXIT users=20 offered-turns/s=40")
                .contains("strays=0 failures=0");
        // each of the 20 users sends every half second: about 80 turns in the two measured seconds
        assertThat(number(result, "measured-turns")).isBetween(60.0, 100.0);
        assertThat(number(result, "p50")).isLessThanOrEqualTo(number(result, "p99"));
    }

    @Test
    void idleSessionsAreMeasured() throws Exception {
        var out = run("scenario=idle", "sessions=200", "users=20");
        var result = out.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElseThrow();
        assertThat(result)
                .contains("durability=SYNC sessions=200")
                .contains("bytes/idle-session=")
                .contains("strays=0");
    }

    @Test
    void rejectsUnknownArguments() {
        assertThatThrownBy(() -> RuntimeBench.parse("user=3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user=3");
    }
}
