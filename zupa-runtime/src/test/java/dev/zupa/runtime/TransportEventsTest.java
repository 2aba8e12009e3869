package dev.zupa.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.TransportEvent;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the runtime does with what a channel reports besides text and voice. */
class TransportEventsTest {

    @Test
    @DisplayName("an unsupported message (a sticker, a reaction) is recorded and closed, never answered by the model")
    void unsupportedMessagesAreNotAnswered() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receive(new InboundMessage(
                    "test",
                    "s1",
                    "alice",
                    "",
                    ContentType.UNSUPPORTED,
                    Optional.empty(),
                    Optional.empty(),
                    Instant.parse("2026-01-01T10:00:00Z")));
            h.idle();

            assertThat(h.requests).isEmpty();
            assertThat(h.transport.sent()).isEmpty();
            assertThat(h.ledgerTypes(h.sessionId())).contains("inbound.unsupported", "inbound.processed");

            h.transport.receiveText("alice", "m1", "hello");
            h.idle();
            assertThat(h.requests).hasSize(1);
            assertThat(h.requests.get(0).messages()).hasSize(2); // the sticker is not in working memory
        }
    }

    @Test
    @DisplayName("delivery statuses of sent replies are appended to the ledger once each, and reach listeners")
    void deliveryStatusesAreRecorded() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();
            var delivered = new TransportEvent.DeliveryStatus(
                    "wamid.1",
                    TransportEvent.DeliveryStatus.Status.DELIVERED,
                    Instant.parse("2026-01-01T10:00:05Z"),
                    Optional.of("alice"),
                    Optional.empty());
            h.transport.emit(delivered);
            h.transport.emit(delivered);

            assertThat(h.ledgerTypes("zupa:inbox"))
                    .filteredOn("outbound.status"::equals)
                    .hasSize(1);
            assertThat(h.events(AgentEvent.Transport.class))
                    .extracting(AgentEvent.Transport::event)
                    .contains(delivered);
        }
    }

    @Test
    @DisplayName("the user sees the agent typing while a turn runs")
    void typingIsShownForEachTurn() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.transport.typingCalls()).containsExactly("alice");
        }
    }

    @Test
    @DisplayName("check 49: the transport's QR request and ready signal reach the agent's listeners, in order")
    void check49QrAndReadyReachListeners() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.emit(new TransportEvent.QrRequested("2@qr-payload"));
            h.transport.emit(new TransportEvent.Authenticated());
            h.transport.emit(new TransportEvent.Ready());

            assertThat(h.events(AgentEvent.Transport.class))
                    .extracting(AgentEvent.Transport::event)
                    .containsExactly(
                            new TransportEvent.QrRequested("2@qr-payload"),
                            new TransportEvent.Authenticated(),
                            new TransportEvent.Ready());
        }
    }
}
