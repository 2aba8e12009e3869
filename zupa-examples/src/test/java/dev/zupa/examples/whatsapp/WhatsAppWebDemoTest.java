package dev.zupa.examples.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.adapters.whatsappweb.QrCodes;
import dev.zupa.runtime.Agent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whatsapp-web.js demo as a user runs it: what it says when Node.js, the npm packages or Chromium are missing,
 * and, on the sidecar with the scripted stand-in, the QR code in the terminal and a conversation after the login.
 */
@Timeout(60)
class WhatsAppWebDemoTest {
    private static final String QR = "2@zupaDemoQrPayload,abc123==,xyz==";

    @TempDir
    Path dir;

    private final DemoOutput output = new DemoOutput();
    private Agent agent;

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void printsTheQrCodeThenAnswersOnceLoggedIn() throws Exception {
        var sidecar = new StandInSidecar(dir.resolve("wwebjs"))
                .emit("qr", QR)
                .emit("authenticated")
                .emit("ready")
                .text("false_5215512345678@c.us_3EB0TEXT1", "hi");

        agent = WhatsAppWebDemo.start(sidecar.builder(), Map.of(), dir.resolve("web.db"), output.stream());

        output.await("[demo] scan this QR code");
        output.await("[demo] ready");
        assertThat(output.await("5215512345678 (Ana): ")).isEqualTo("5215512345678 (Ana): hi");
        assertThat(output.await("burgers: ")).startsWith("burgers: Welcome to Zupa Burgers!");
        output.await("[demo] sent to 5215512345678 as text");
        assertThat(output.text()).contains(QrCodes.terminal(QR)).contains("Unofficial");
        assertThat(sidecar.sends()).singleElement().satisfies(send -> {
            assertThat(send.path(0).asText()).isEqualTo(StandInSidecar.ANA_CHAT);
            assertThat(send.path(1).asText()).startsWith("Welcome to Zupa Burgers!");
        });
    }

    @Test
    void saysWhatIsMissingAndHowToGetIt() throws Exception {
        var emptyPath = Files.createDirectory(dir.resolve("bin"));
        var home = dir.resolve("home");

        assertThatThrownBy(() -> WhatsAppWebDemo.transport(
                        Map.of("PATH", emptyPath.toString(), WhatsAppWebDemo.CHROMIUM, "/nonexistent/chromium"), home))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("Node.js (18 or newer) is not on the PATH")
                .hasMessageContaining("the sidecar's npm packages are not installed: run  cd "
                        + home.toAbsolutePath().resolve("sidecar") + " && PUPPETEER_SKIP_DOWNLOAD=true npm ci")
                .hasMessageContaining("no Chromium at /nonexistent/chromium");
        // the sidecar is written first, so that the npm ci the message asks for has its package files
        assertThat(home.resolve("sidecar").resolve("package-lock.json")).exists();
    }

    @Test
    void namesANodeModulesWithoutWhatsAppWebJs() throws Exception {
        var modules = Files.createDirectory(dir.resolve("node_modules"));
        var chromium = Files.createFile(dir.resolve("chromium"));
        assertThat(chromium.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> WhatsAppWebDemo.transport(
                        Map.of(
                                "PATH",
                                System.getenv().getOrDefault("PATH", ""),
                                WhatsAppWebDemo.NODE_MODULES,
                                modules.toString(),
                                WhatsAppWebDemo.CHROMIUM,
                                chromium.toString()),
                        dir.resolve("home")))
                .isInstanceOf(SetupException.class)
                .hasMessage("WHATSAPP_WEB_NODE_MODULES names " + modules + ", which has no whatsapp-web.js");
    }
}
