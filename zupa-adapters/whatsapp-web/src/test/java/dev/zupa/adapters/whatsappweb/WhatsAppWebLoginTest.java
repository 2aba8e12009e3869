package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.transport.TransportEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Logging in: the QR code, authentication, readiness, and what a lost session does. */
@Timeout(60)
class WhatsAppWebLoginTest {
    @TempDir
    Path root;

    @Test
    void reportsRotatingQrCodesThenAuthenticatedOnceThenReady() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [
                  {"emit": "qr", "args": ["2@first,qr"]},
                  {"emit": "qr", "args": ["2@second,qr"]},
                  {"emit": "authenticated"},
                  {"emit": "authenticated"},
                  {"emit": "authenticated"},
                  {"emit": "ready"}]}]}
                """)) {
            sidecar.start();

            assertThat(sidecar.context.eventsUntil(TransportEvent.Ready.class))
                    .containsExactly(
                            new TransportEvent.QrRequested("2@first,qr"),
                            new TransportEvent.QrRequested("2@second,qr"),
                            new TransportEvent.Authenticated(),
                            new TransportEvent.Ready());
        }
    }

    @Test
    void startsTheLibraryWithLocalAuthAndTheSystemChromium() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}]}]}
                """)) {
            sidecar.start(sidecar.builder().clientId("tenant-42").chromium(Path.of("/opt/chromium/chrome")));
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            var client = sidecar.calls("Client").getFirst().path("args").path(0);
            assertThat(client.path("auth").path("clientId").asText()).isEqualTo("tenant-42");
            assertThat(Path.of(client.path("auth").path("dataPath").asText()))
                    .isEqualTo(root.resolve("auth").toAbsolutePath());
            assertThat(client.path("puppeteer").path("executablePath").asText()).isEqualTo("/opt/chromium/chrome");
            assertThat(client.path("puppeteer").path("headless").asBoolean()).isTrue();
            assertThat(client.path("puppeteer").path("args").toString()).contains("--no-sandbox");
        }
    }

    @Test
    void authFailureWipesTheSessionAndAsksForANewQrCode() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [
                  {"steps": [{"emit": "auth_failure", "args": ["restore failed"]}]},
                  {"steps": [{"emit": "qr", "args": ["2@fresh,qr"]}]}]}
                """)) {
            sidecar.start();

            assertThat(sidecar.context.nextEvent()).isEqualTo(new TransportEvent.AuthFailed("restore failed"));
            // No Disconnected in between: the failure has been reported once already.
            assertThat(sidecar.context.nextEvent()).isEqualTo(new TransportEvent.QrRequested("2@fresh,qr"));
            assertThat(sidecar.calls("logout"))
                    .singleElement()
                    .satisfies(call -> assertThat(call.path("run").asInt()).isEqualTo(1));
            assertThat(sidecar.calls("exit").getFirst().path("args").path(0).asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void aLogoutKeepsTheSidecarRunningForTheNextQrCode() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [
                  {"emit": "ready"},
                  {"emit": "disconnected", "args": ["LOGOUT"]},
                  {"emit": "qr", "args": ["2@after,logout"]}]}]}
                """)) {
            sidecar.start();

            assertThat(sidecar.context.eventsUntil(TransportEvent.QrRequested.class))
                    .containsExactly(
                            new TransportEvent.Ready(),
                            new TransportEvent.Disconnected("LOGOUT"),
                            new TransportEvent.QrRequested("2@after,logout"));
            assertThat(sidecar.runs()).isEqualTo(1);
        }
    }

    @Test
    void anyOtherDisconnectionRestartsTheSidecarAndIsReportedOnce() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [
                  {"steps": [{"emit": "ready"}, {"emit": "disconnected", "args": ["CONFLICT"]}]},
                  {"steps": [{"emit": "authenticated"}, {"emit": "ready"}]}]}
                """)) {
            sidecar.start();

            assertThat(sidecar.context.eventsUntil(TransportEvent.Authenticated.class))
                    .containsExactly(
                            new TransportEvent.Ready(),
                            new TransportEvent.Disconnected("CONFLICT"),
                            new TransportEvent.Authenticated());
            sidecar.context.nextEvent(TransportEvent.Ready.class);
            assertThat(sidecar.runs()).isEqualTo(2);
            assertThat(sidecar.calls("exit").getFirst().path("args").path(0).asInt())
                    .isEqualTo(3);
        }
    }
}
