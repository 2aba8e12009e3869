package dev.zupa.runtime.management;

import static dev.zupa.runtime.management.ServerRig.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.transport.TransportEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard rendered by a real headless Chromium against a live server: the DOM it builds from {@code /metrics},
 * {@code /sessions} and {@code /transport}, and a screenshot kept as {@code docs/images/dashboard.png}. Skipped when
 * {@code /usr/bin/chromium} is missing, except on CI ({@code CI} set), where a missing browser fails the build.
 */
@Timeout(180)
class DashboardTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DOCS_IMAGES = Path.of("..", "docs", "images");

    @TempDir
    Path profile;

    private ServerRig rig;

    @BeforeEach
    void start() throws Exception {
        var ci = System.getenv("CI");
        boolean onCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
        if (!Files.isExecutable(CHROMIUM)) {
            assertThat(onCi)
                    .as("CI is set, so the dashboard test must run: install Chromium (apt-get install -y chromium)")
                    .isFalse();
            Assumptions.abort("no " + CHROMIUM + ": install it (apt-get install -y chromium) to test the dashboard");
        }
        rig = new ServerRig();
        rig.load.transport.emit(new TransportEvent.Ready());
        for (int i = 0; i < 40; i++) {
            rig.load.send(i);
        }
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void rendersSessionsMetricsAndStatesFromTheLiveApi() throws Exception {
        var dom = chromium("--dump-dom");

        var sessions = rig.get("/sessions", TOKEN).json().path("sessions");
        for (var session : sessions) {
            assertThat(dom)
                    .contains("<td class=\"session-id\">" + session.path("id").asText() + "</td>");
        }
        assertThat(dom)
                .contains("id=\"active-sessions\">" + ScriptedLoad.USERS + "<")
                .contains("id=\"turns-total\">40<")
                .contains("id=\"transport-state\" class=\"pill ok\">ready<")
                .contains("id=\"paused-state\" class=\"pill ok\">running<")
                .contains("id=\"live-state\" class=\"pill ok\">connected<")
                .contains("turn (end to end)")
                .contains("model · model call")
                .contains("<td>user-1</td>");
        assertThat(dom).doesNotContain("id=\"error\" class=\"w12\">");
    }

    @Test
    void keepsAScreenshotForTheDocs() throws Exception {
        var shot = profile.resolve("dashboard.png");
        chromium("--screenshot=" + shot, "--window-size=1280,900");

        assertThat(shot).exists();
        var png = Files.readAllBytes(shot);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        // kept in target/ on every run; -Dzupa.dashboard.screenshot=true refreshes the one in docs/ (a normal run
        // must not change tracked files)
        Files.copy(shot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("zupa.dashboard.screenshot") && Files.isDirectory(DOCS_IMAGES)) {
            Files.copy(shot, DOCS_IMAGES.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Runs Chromium on the dashboard (the token in the address, as an operator opens it) and returns its output. */
    private String chromium(String... action) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--user-data-dir=" + profile.resolve("chromium"),
                "--virtual-time-budget=5000"));
        command.addAll(List.of(action));
        command.add(rig.uri("/?token=" + TOKEN).toString());
        var log = profile.resolve("chromium.log");
        var out = profile.resolve("chromium.out");
        var process = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s");
        }
        assertThat(process.exitValue())
                .as("Chromium failed: %s", Files.readString(log))
                .isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
