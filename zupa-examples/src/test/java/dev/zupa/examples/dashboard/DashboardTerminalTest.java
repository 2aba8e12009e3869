package dev.zupa.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DashboardDemo} in a real terminal: tmux runs it in a detached 140x40 window, types keys into it and reads
 * the screen back. Skipped where tmux is missing, unless {@code CI=true}, where a missing tmux fails the build rather
 * than hiding the test.
 */
@Timeout(180)
class DashboardTerminalTest {
    private static final Duration SCREEN_WAIT = Duration.ofSeconds(60);
    private static final String SESSION = "dashboard";

    @TempDir
    Path dir;

    private Path exitFile;

    @BeforeEach
    void needsTmux() throws IOException, InterruptedException {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean present = tmuxPresent();
        if (!present && ci) {
            fail("tmux is required on CI (CI=true) for the terminal dashboard test: install it (apt-get install tmux)");
        }
        assumeTrue(present, "tmux is not installed: the terminal dashboard test is skipped (it fails when CI=true)");
    }

    @Test
    void showsLiveDataOpensALedgerPausesAndQuits() throws IOException, InterruptedException {
        exitFile = dir.resolve("exit-status");
        var script = dir.resolve("run-demo.sh");
        // a script, not the command itself: the class path is longer than tmux accepts in one command. The demo's
        // temporary files go to this test's directory, so that a demo killed by a failing test leaves nothing behind
        Files.writeString(
                script,
                String.join(
                        "\n",
                        "cd " + quote(dir.toString()),
                        quote(java()) + " --enable-native-access=ALL-UNNAMED -Djava.io.tmpdir=. -cp "
                                + quote(System.getProperty("java.class.path")) + " " + DashboardDemo.class.getName()
                                + " 2> demo-stderr.txt",
                        "echo $? > " + quote(exitFile.toString()),
                        ""));
        try {
            assertThat(tmux(
                            "new-session",
                            "-d",
                            "-s",
                            SESSION,
                            "-x",
                            "140",
                            "-y",
                            "40",
                            "sh " + quote(script.toString())))
                    .isZero();

            var overview = await(
                    "sessions, latencies and breakers",
                    screen -> screen.contains("SESSIONS (")
                            && screen.contains("> ")
                            && screen.contains("turn ")
                            && screen.contains("model call")
                            && screen.contains("transport READY")
                            && screen.contains("CIRCUIT BREAKERS"));
            assertThat(overview).contains("Zupa dashboard | http://127.0.0.1:", "agent running", "LATENCY PER STAGE");

            keys("Down", "Enter");
            var ledger = await(
                    "a session's ledger",
                    screen -> screen.contains("RECENT LEDGER (")
                            && screen.contains("model.call")
                            && screen.contains("turn.completed"));
            assertThat(ledger).contains("SESSION ", "| agent burgers |", DashboardView.LEDGER_KEYS);

            keys("Escape");
            await("the sessions again", screen -> screen.contains("SESSIONS (") && !screen.contains("RECENT LEDGER"));

            keys("p");
            await("the agent paused", screen -> screen.contains("agent PAUSED"));
            keys("p");
            await("the agent running again", screen -> screen.contains("agent running"));

            keys("q");
            awaitExit();
            assertThat(Files.readString(exitFile).strip()).isEqualTo("0");
            assertThat(Files.readString(dir.resolve("demo-stderr.txt"))).doesNotContain("Exception");
        } finally {
            // also when an assertion failed: a left-over demo would hold its port and keep writing
            tmux("kill-session", "-t", SESSION);
            tmux("kill-server");
        }
    }

    /** Reads the screen until it shows what is expected; fails with the last screen after a generous wait. */
    private String await(String what, Predicate<String> shows) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SCREEN_WAIT.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = capture();
            if (shows.test(screen)) {
                return screen;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return fail("the dashboard did not show " + what + " within " + SCREEN_WAIT + "; the screen:\n" + screen);
    }

    private void awaitExit() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SCREEN_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(exitFile) && !Files.readString(exitFile).isBlank()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        fail("the demo did not exit within " + SCREEN_WAIT + " of q; the screen:\n" + capture());
    }

    private String capture() throws IOException, InterruptedException {
        var process = new ProcessBuilder(command("capture-pane", "-p", "-t", SESSION))
                .redirectErrorStream(true)
                .start();
        var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return text;
    }

    private void keys(String... keys) throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        args.addAll(List.of(keys));
        assertThat(tmux(args.toArray(String[]::new))).as("tmux send-keys").isZero();
    }

    private int tmux(String... args) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command(args))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process.waitFor();
    }

    private List<String> command(String... args) {
        // a socket in the test's own directory: no other tmux session is touched, and nothing is left behind
        var command =
                new ArrayList<>(List.of("tmux", "-S", dir.resolve("tmux.sock").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static boolean tmuxPresent() throws InterruptedException {
        try {
            return new ProcessBuilder("tmux", "-V")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String java() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
