package dev.zupa.examples.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash after the webhook was acknowledged loses nothing. A child JVM ({@link CloudCrashWorker}) runs the burger
 * shop on a SQLite file behind the Cloud transport's standalone listener, with a model that never answers. The test
 * posts a signed webhook, gets the 200 (given only once the message is stored in the inbox), waits until the turn
 * is in flight, and kills the child with SIGKILL. A second child on the same file, with the shop's script, answers
 * the message exactly once; Meta's redelivery of the same webhook is acknowledged and not answered again.
 */
@Tag("slow")
class WhatsAppCloudCrashIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int KILLED = 137; // 128 + SIGKILL
    private static final String WAMID = "wamid.CRASH1";

    @TempDir
    Path dir;

    private final FakeGraphApi graph = FakeGraphApi.start();
    private Child child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.process.destroyForcibly(); // a no-op unless a failure left it running
            child.process.waitFor();
        }
        graph.close();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aMessageAcknowledgedBeforeACrashIsAnsweredOnceAfterTheRestart() throws Exception {
        var db = dir.resolve("shop.db");
        var webhook = CloudFixtures.textWebhook(WAMID, "add 2 cheeseburger");

        child = Child.start(db, graph.url(), "blocking");
        int port = child.awaitPort();
        assertThat(CloudFixtures.post(port, webhook).statusCode()).isEqualTo(200);
        child.await("MODEL CALLED");
        child.process.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hook, no close
        assertThat(child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue())
                .as("killed; output:\n%s", child.output)
                .isEqualTo(KILLED);
        assertThat(graph.sendCount())
                .as("nothing was answered before the crash")
                .isZero();

        child = Child.start(db, graph.url(), "scripted");
        port = child.awaitPort();
        var answer = graph.awaitSend();
        child.await("SENT TEXT");
        assertThat(answer.path("to").asText()).isEqualTo(CloudFixtures.ANA);
        assertThat(answer.path("text").path("body").asText())
                .startsWith("Added 2 x Cheeseburger. Your order: 2 x Cheeseburger; total $14.00.");

        assertThat(CloudFixtures.post(port, webhook).statusCode()).isEqualTo(200);
        child.await("DUPLICATE " + WAMID);
        child.process.getOutputStream().close(); // end of input: the child drains, closes the agent and exits
        child.await("DONE");
        assertThat(child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).as("output:\n%s", child.output).isZero();
        assertThat(graph.sendCount()).as("answered exactly once").isEqualTo(1);
        assertThat(child.output.toString()).doesNotContain("TURN FAILED", "STILL BUSY");
    }

    /** A running child JVM; its output lines are queued for the test to wait on. */
    private static final class Child {
        final Process process;
        final StringBuffer output = new StringBuffer();
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(Process process) {
            this.process = process;
            Thread.ofVirtual().start(this::drain);
        }

        static Child start(Path db, String graphUrl, String model) throws IOException {
            var java = ProcessHandle.current().info().command().orElseThrow();
            var command = List.of(
                    java,
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xmx256m",
                    "--enable-native-access=ALL-UNNAMED",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Dorg.jboss.logging.provider=slf4j",
                    "-cp",
                    System.getProperty("java.class.path"),
                    CloudCrashWorker.class.getName(),
                    db.toString(),
                    graphUrl,
                    model);
            return new Child(
                    new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        int awaitPort() throws InterruptedException {
            return Integer.parseInt(await("LISTENING ").substring("LISTENING ".length()));
        }

        /** The next line that starts with the prefix; earlier lines are skipped. */
        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                var line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError(
                            "the child printed no '" + prefix + "' within " + WAIT + "; output:\n" + output);
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        private void drain() {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                output.append("(reading the child's output failed: ").append(e).append(")\n");
            }
        }
    }
}
