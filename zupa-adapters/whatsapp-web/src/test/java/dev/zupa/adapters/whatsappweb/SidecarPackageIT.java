package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.core.transport.TransportEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Installs the sidecar's pinned dependencies from the npm registry ({@code npm ci} on the shipped
 * {@code package-lock.json}, without a browser download) and checks that the sidecar loads the real whatsapp-web.js
 * in the pinned version, and that its real {@code Client} accepts the sidecar's options up to launching the browser,
 * which is missing on purpose: no browser is started. Without a reachable registry the test is skipped, except in CI
 * ({@code CI=true}), where it fails.
 */
@Tag("slow")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SidecarPackageIT {
    private static final Path BUILD = Path.of("target").toAbsolutePath();
    private static final Path CACHE = BUILD.resolve("puppeteer-cache");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path directory;
    private static @Nullable String unreachable;

    @BeforeAll
    static void installFromTheRegistry() throws Exception {
        directory = WhatsAppWebTransport.extractSidecar(BUILD.resolve("sidecar"));
        var ping = run(directory, Duration.ofMinutes(1), "npm", "ping", "--fetch-retries=0", "--fetch-timeout=20000");
        if (ping.exitCode() != 0) {
            unreachable = "npm cannot reach its registry, so whatsapp-web.js cannot be installed ("
                    + npmError(ping.output()) + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(unreachable + "; CI must be able to install it");
            }
            return;
        }
        var install = run(
                directory,
                Duration.ofMinutes(6),
                List.of("PUPPETEER_SKIP_DOWNLOAD=true", "PUPPETEER_CACHE_DIR=" + CACHE),
                "npm",
                "ci",
                "--no-audit",
                "--no-fund");
        assertThat(install.exitCode())
                .as("npm ci failed:%n%s", install.output())
                .isZero();
    }

    /** Reported on each test rather than thrown from {@code @BeforeAll}, where a skip would go unseen. */
    @BeforeEach
    void skipWithoutTheRegistry() {
        Assumptions.assumeTrue(unreachable == null, () -> unreachable);
    }

    @Test
    void theSidecarLoadsThePinnedWhatsappWebJs() throws Exception {
        var check = run(directory, Duration.ofMinutes(1), "node", "sidecar.js", "--check");

        assertThat(check.exitCode())
                .as("the sidecar's check failed:%n%s", check.output())
                .isZero();
        var report = JSON.readTree(check.stdout().strip());
        assertThat(report.path("event").asText()).isEqualTo("check");
        assertThat(report.path("module").asText()).isEqualTo("whatsapp-web.js");
        assertThat(report.path("version").asText()).isEqualTo(pinnedVersion(directory));
        if (Files.isDirectory(CACHE)) {
            try (var downloaded = Files.list(CACHE)) {
                assertThat(downloaded)
                        .as("puppeteer must not download a browser")
                        .isEmpty();
            }
        }
    }

    @Test
    void theRealClientStartsWithOurOptionsAndReportsAMissingBrowser() {
        var context = new RecordingContext();
        try (var transport = WhatsAppWebTransport.builder()
                .sidecarDirectory(directory)
                .authDirectory(BUILD.resolve("it-auth"))
                .chromium(Path.of("/nonexistent/chromium"))
                .restartBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1))
                .build()) {
            transport.start(context);

            assertThat(context.nextEvent(TransportEvent.Disconnected.class).reason())
                    .startsWith("the whatsapp-web sidecar stopped: cannot start WhatsApp Web:")
                    .contains("/nonexistent/chromium");
        }
    }

    private static String pinnedVersion(Path directory) throws IOException {
        JsonNode manifest = JSON.readTree(directory.resolve("package.json").toFile());
        return manifest.path("dependencies").path("whatsapp-web.js").asText();
    }

    private static String npmError(String output) {
        var lines = output.lines().filter(line -> line.startsWith("npm error")).toList();
        return lines.stream()
                .filter(line -> line.contains("FetchError") || line.contains("ENOTFOUND"))
                .findFirst()
                .orElse(lines.isEmpty() ? output.strip() : lines.getFirst());
    }

    private record Result(int exitCode, String stdout, String output) {}

    private static Result run(Path directory, Duration timeout, String... command) throws Exception {
        return run(directory, timeout, List.of(), command);
    }

    private static Result run(Path directory, Duration timeout, List<String> environment, String... command)
            throws Exception {
        var stdout = Files.createTempFile(BUILD, "sidecar-it-", ".out");
        var stderr = Files.createTempFile(BUILD, "sidecar-it-", ".err");
        var builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        for (var variable : environment) {
            int equals = variable.indexOf('=');
            builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        var process = builder.start();
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeout);
        }
        var out = Files.readString(stdout, StandardCharsets.UTF_8);
        var err = Files.readString(stderr, StandardCharsets.UTF_8);
        Files.delete(stdout);
        Files.delete(stderr);
        return new Result(process.exitValue(), out, out + err);
    }
}
