package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.ANA;
import static dev.zupa.adapters.whatsappcloud.Fixtures.post;
import static dev.zupa.adapters.whatsappcloud.Fixtures.statusWebhook;
import static dev.zupa.adapters.whatsappcloud.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.TransportEvent;
import dev.zupa.core.transport.TransportEvent.DeliveryStatus;
import dev.zupa.core.transport.TransportEvent.DeliveryStatus.Status;
import java.time.Instant;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Status webhooks (PROVIDERS.md section 3.4) and section 6.3 case 6. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StatusWebhooksTest {
    @StartStop
    final MockWebServer graph = new MockWebServer();

    private final RecordingTransportContext context = new RecordingTransportContext();
    private WhatsAppCloudTransport transport;

    @BeforeEach
    void start() {
        transport = Fixtures.transport(graph).build();
        transport.start(context);
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    @Test
    void eachStatusBecomesADeliveryStatusEvent() {
        assertThat(post(transport, vector("statuses-lifecycle.json")).status()).isEqualTo(200);

        assertThat(context.events(DeliveryStatus.class))
                .containsExactly(
                        new DeliveryStatus(
                                "wamid.OUT0201",
                                Status.SENT,
                                Instant.ofEpochSecond(1767312000),
                                Optional.of(ANA),
                                Optional.empty()),
                        new DeliveryStatus(
                                "wamid.OUT0201",
                                Status.DELIVERED,
                                Instant.ofEpochSecond(1767312001),
                                Optional.of(ANA),
                                Optional.empty()),
                        new DeliveryStatus(
                                "wamid.OUT0201",
                                Status.READ,
                                Instant.ofEpochSecond(1767312002),
                                Optional.of(ANA),
                                Optional.empty()),
                        new DeliveryStatus(
                                "wamid.OUT0201",
                                Status.PLAYED,
                                Instant.ofEpochSecond(1767312003),
                                Optional.of(ANA),
                                Optional.empty()),
                        new DeliveryStatus(
                                "wamid.OUT0202",
                                Status.FAILED,
                                Instant.ofEpochSecond(1767312004),
                                Optional.of(ANA),
                                Optional.of("131026 Message undeliverable: Recipient is not on WhatsApp.")));
        assertThat(context.events(TransportEvent.ReplyWindowClosed.class)).isEmpty();
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void failed131047AfterA200SendReportsTheClosedWindowWithTheOutboxId() throws Exception {
        graph.enqueue(Fixtures.sent("wamid.OUT0001"));
        var delivery = transport.send(new OutboundMessage("outbox-42", ANA, new OutboundContent.Text("See you!")));
        assertThat(delivery.transportMessageId()).contains("wamid.OUT0001");
        graph.takeRequest();

        assertThat(post(transport, vector("status-failed-131047.json")).status())
                .isEqualTo(200);

        var failed = context.events(DeliveryStatus.class).get(0);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error().orElseThrow())
                .startsWith("131047 Re-engagement message: Message failed to send because more than 24 hours");
        assertThat(context.events(TransportEvent.ReplyWindowClosed.class))
                .containsExactly(new TransportEvent.ReplyWindowClosed(ANA, "outbox-42"));
    }

    @Test
    void failed131047NamesTheOutboxIdFromTheEchoedCallbackDataAfterARestart() {
        String payload = new String(vector("status-failed-131047.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"status\":\"failed\"", "\"status\":\"failed\",\"biz_opaque_callback_data\":\"outbox-7\"");

        post(transport, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(context.events(TransportEvent.ReplyWindowClosed.class))
                .containsExactly(new TransportEvent.ReplyWindowClosed(ANA, "outbox-7"));
    }

    @Test
    void failed131047ForAnUnknownMessageIsStillReportedAsFailed() {
        post(transport, vector("status-failed-131047.json"));

        assertThat(context.events(DeliveryStatus.class)).hasSize(1);
        assertThat(context.events(TransportEvent.ReplyWindowClosed.class)).isEmpty();
    }

    @Test
    void readWithoutDeliveredAndReadBeforeSentArePassedOnInArrivalOrder() {
        post(transport, statusWebhook("wamid.OUT0301", "read", 1767312010));
        post(transport, statusWebhook("wamid.OUT0301", "sent", 1767312000));

        assertThat(context.events(DeliveryStatus.class))
                .extracting(DeliveryStatus::status, DeliveryStatus::at)
                .containsExactly(
                        tuple(Status.READ, Instant.ofEpochSecond(1767312010)),
                        tuple(Status.SENT, Instant.ofEpochSecond(1767312000)));
    }

    @Test
    void sameStatusTwiceIsReportedOnce() {
        post(transport, statusWebhook("wamid.OUT0401", "delivered", 1767312000));
        post(transport, statusWebhook("wamid.OUT0401", "delivered", 1767312000));
        post(transport, statusWebhook("wamid.OUT0401", "read", 1767312001));

        assertThat(context.events(DeliveryStatus.class))
                .extracting(DeliveryStatus::status)
                .containsExactly(Status.DELIVERED, Status.READ);
    }

    @Test
    void aFailingEventListenerDoesNotFailTheWebhook() {
        var throwing = new RecordingTransportContext();
        throwing.failEvents();
        try (var other = Fixtures.transport().build()) {
            other.start(throwing);

            assertThat(post(other, statusWebhook("wamid.OUT0501", "read", 1767312000))
                            .status())
                    .isEqualTo(200);
            assertThat(post(other, statusWebhook("wamid.OUT0501", "read", 1767312000))
                            .status())
                    .isEqualTo(200);
        }
        assertThat(throwing.events).isEmpty();
    }
}
