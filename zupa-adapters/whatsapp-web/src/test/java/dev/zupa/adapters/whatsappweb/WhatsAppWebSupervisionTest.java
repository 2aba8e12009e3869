package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.TransportEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar dying, hanging, failing to start, and being shut down. */
@Timeout(60)
class WhatsAppWebSupervisionTest {
    @TempDir
    Path root;

    @Test
    void aSidecarThatDiesMidConversationIsRestartedAndTheInFlightSendFailsTransiently() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [
                  {"steps": [{"emit": "ready"}], "onSend": "crash"},
                  {"steps": [{"emit": "authenticated"}, {"emit": "ready"}, {"message": {
                    "id": "after-restart", "from": "5215512345678@c.us", "type": "chat", "body": "are you back?"}}]}]}
                """)) {
            var transport = sidecar.start();
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            assertThatThrownBy(() -> transport.send(text("out-1")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderErrorKind.CONNECTION);
                        assertThat(e.retryable()).isTrue();
                    })
                    .hasMessageContaining("went away before it replied");

            assertThat(sidecar.context.nextEvent())
                    .isEqualTo(new TransportEvent.Disconnected(
                            "the whatsapp-web sidecar exited with code 1; restarting in PT0.02S"));
            assertThat(sidecar.context.eventsUntil(TransportEvent.Ready.class))
                    .containsExactly(new TransportEvent.Authenticated(), new TransportEvent.Ready());
            assertThat(sidecar.context.nextMessage().text()).isEqualTo("are you back?");
            assertThat(transport.send(text("out-2")).transportMessageId()).contains("true_5215512345678@c.us_FAKE2x1");
            assertThat(sidecar.runs()).isEqualTo(2);
        }
    }

    @Test
    void restartsWithExponentialBackoffThatResetsOnceReady() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [
                  {"steps": [{"exit": 1}]},
                  {"steps": [{"exit": 1}]},
                  {"steps": [{"exit": 1}]},
                  {"steps": [{"exit": 1}]},
                  {"steps": [{"emit": "ready"}, {"exit": 1}]},
                  {"steps": [{"emit": "ready"}]}]}
                """)) {
            sidecar.start(sidecar.builder().restartBackoff(Duration.ofMillis(20), Duration.ofMillis(100)));

            assertThat(sidecar.context.eventsUntil(TransportEvent.Ready.class))
                    .extracting(event -> event instanceof TransportEvent.Disconnected d
                            ? d.reason().replaceAll(".*restarting in ", "")
                            : event.getClass().getSimpleName())
                    .containsExactly("PT0.02S", "PT0.04S", "PT0.08S", "PT0.1S", "Ready");
            assertThat(sidecar.context.eventsUntil(TransportEvent.Ready.class))
                    .extracting(event -> event instanceof TransportEvent.Disconnected d
                            ? d.reason().replaceAll(".*restarting in ", "")
                            : event.getClass().getSimpleName())
                    .containsExactly("PT0.02S", "Ready");
        }
    }

    @Test
    void restartsWhenReadyNeverFollowsAuthentication() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [
                  {"steps": [{"emit": "qr", "args": ["2@scan,me"]}, {"emit": "authenticated"}]},
                  {"steps": [{"emit": "ready"}]}]}
                """)) {
            sidecar.start(sidecar.builder().readyTimeout(Duration.ofMillis(300)));

            assertThat(sidecar.context.eventsUntil(TransportEvent.Ready.class))
                    .containsExactly(
                            new TransportEvent.QrRequested("2@scan,me"),
                            new TransportEvent.Authenticated(),
                            new TransportEvent.Disconnected("WhatsApp Web authenticated but was not ready within"
                                    + " PT0.3S; restarting the sidecar"),
                            new TransportEvent.Ready());
            // The hung run was asked to stop (SIGTERM), so it closed the library and its browser.
            assertThat(sidecar.calls("destroy"))
                    .extracting(call -> call.path("run").asInt())
                    .containsExactly(1);
        }
    }

    @Test
    void closeShutsTheSidecarDownCleanly() throws Exception {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}]}]}
                """)) {
            var transport = sidecar.start();
            sidecar.context.nextEvent(TransportEvent.Ready.class);
            var process = transport.sidecarProcess().orElseThrow();

            transport.close();

            assertThat(process.isAlive()).isFalse();
            assertThat(sidecar.calls("destroy")).hasSize(1);
            assertThat(sidecar.calls("exit").getFirst().path("args").path(0).asInt())
                    .isEqualTo(0);
            assertThat(sidecar.context.pendingEvents()).isEmpty();
            assertThat(transport.sidecarProcess()).isEmpty();
            assertThatThrownBy(() -> transport.send(text("late")))
                    .isInstanceOfSatisfying(
                            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE))
                    .hasMessageContaining("closed");
            transport.close();
            assertThat(sidecar.runs()).isEqualTo(1);
        }
    }

    @Test
    void closeTerminatesASidecarThatDoesNotStopByItself() throws Exception {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}], "destroy": "hang"}]}
                """)) {
            var transport = sidecar.start(sidecar.builder().shutdownTimeout(Duration.ofMillis(300)));
            sidecar.context.nextEvent(TransportEvent.Ready.class);
            var process = transport.sidecarProcess().orElseThrow();

            transport.close();

            // The sidecar would give the library five seconds; the JVM's patience is the shutdown timeout.
            assertThat(process.onExit().get(3, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(sidecar.context.pendingEvents()).isEmpty();
        }
    }

    @Test
    void reportsWhyTheSidecarCannotStart() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": []}]}
                """)) {
            sidecar.start(sidecar.builder().environment("ZUPA_WWEBJS_MODULE", "/nonexistent/wwebjs.js"));

            assertThat(sidecar.context
                            .nextEvent(TransportEvent.Disconnected.class)
                            .reason())
                    .startsWith("the whatsapp-web sidecar stopped: cannot load /nonexistent/wwebjs.js:")
                    .endsWith("; restarting in PT0.02S");
        }
    }

    @Test
    void tellsHowToInstallAMissingWhatsappWebJs() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": []}]}
                """)) {
            sidecar.start(sidecar.builder().environment("ZUPA_WWEBJS_MODULE", ""));

            assertThat(sidecar.context
                            .nextEvent(TransportEvent.Disconnected.class)
                            .reason())
                    .contains("whatsapp-web.js is not installed: run \"npm ci\" in "
                            + root.resolve("sidecar").toAbsolutePath());
        }
    }

    @Test
    void failsToStartWithoutNode() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": []}]}
                """)) {
            assertThatThrownBy(() -> sidecar.start(sidecar.builder().node("/nonexistent/node")))
                    .isInstanceOf(ZupaConfigurationException.class)
                    .hasMessageStartingWith("cannot start Node.js as '/nonexistent/node' for the whatsapp-web sidecar")
                    .hasMessageEndingWith("install Node.js 18 or newer, or set the node executable");
        }
    }

    @Test
    void oneSessionHasOneOwner() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}]}]}
                """)) {
            var first = sidecar.start();
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            assertThatThrownBy(() -> sidecar.start())
                    .isInstanceOf(ZupaConfigurationException.class)
                    .hasMessage("the WhatsApp session 'test' in " + root.resolve("auth")
                            + " is in use by another whatsapp-web transport; run one per session, or give each its"
                            + " own client id");
            assertThat(sidecar.runs()).isEqualTo(1);

            first.close();
            sidecar.start();
            sidecar.context.nextEvent(TransportEvent.Ready.class);
            assertThat(sidecar.runs()).isEqualTo(2);
        }
    }

    private static OutboundMessage text(String id) {
        return new OutboundMessage(id, "5215512345678", new OutboundContent.Text("hola"));
    }
}
