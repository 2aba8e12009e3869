package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.TransportEvent;
import dev.zupa.core.transport.TransportEvent.DeliveryStatus;
import dev.zupa.core.transport.TransportEvent.DeliveryStatus.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** WhatsApp Web's acks of sent messages, reported as delivery statuses. */
@Timeout(60)
class WhatsAppWebDeliveryStatusTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final String SENT_ID = "true_5215512345678@c.us_3EB0A1";

    /** Someone else's message, acked when it is read here: not a reply of ours. */
    private static final String RECEIVED_MESSAGE_ACK = """
            {"emit": "message_ack", "args": [{"id": {"_serialized": "false_5215512345678@c.us_IN", "fromMe": false},
              "to": "me@c.us"}, 3]}""";

    /** A message received after the steps under test, to show that the sidecar's events still arrive. */
    private static final String STILL_HERE = """
            {"message": {"id": "after", "from": "5215512345678@c.us", "type": "chat", "body": "still here"}}""";

    @TempDir
    Path root;

    @Test
    void mapsEachAckOfASentMessageToItsStatus() {
        try (var sidecar = new FakeSidecar(
                root,
                script(
                        ack(SENT_ID, "5215512345678@c.us", "1"),
                        ack(SENT_ID, "5215512345678@c.us", "2"),
                        ack(SENT_ID, "5215512345678@c.us", "3"),
                        ack(SENT_ID, "5215512345678@c.us", "4"),
                        ack("true_11223344@lid_3EB0B2", "11223344@lid", "-1")))) {
            sidecar.start(sidecar.builder().clock(CLOCK));
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            assertThat(sidecar.context.nextEvent()).isEqualTo(status(SENT_ID, Status.SENT, "5215512345678"));
            assertThat(sidecar.context.nextEvent()).isEqualTo(status(SENT_ID, Status.DELIVERED, "5215512345678"));
            assertThat(sidecar.context.nextEvent()).isEqualTo(status(SENT_ID, Status.READ, "5215512345678"));
            assertThat(sidecar.context.nextEvent()).isEqualTo(status(SENT_ID, Status.PLAYED, "5215512345678"));
            // A privacy id stays whole, as a sender's does; an error ack becomes a failure with a reason.
            assertThat(sidecar.context.nextEvent())
                    .isEqualTo(new DeliveryStatus(
                            "true_11223344@lid_3EB0B2",
                            Status.FAILED,
                            CLOCK.instant(),
                            Optional.of("11223344@lid"),
                            Optional.of("WhatsApp reported an error ack")));
        }
    }

    @Test
    void acksThatArePendingUnknownOrOfReceivedMessagesAreNotReported() {
        try (var sidecar = new FakeSidecar(
                root,
                script(
                        ack(SENT_ID, "5215512345678@c.us", "0"),
                        ack(SENT_ID, "5215512345678@c.us", "7"),
                        RECEIVED_MESSAGE_ACK,
                        ack("true_5215512345678@c.us_LAST", "5215512345678@c.us", "1")))) {
            sidecar.start(sidecar.builder().clock(CLOCK));
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            assertThat(sidecar.context.nextEvent())
                    .isEqualTo(status("true_5215512345678@c.us_LAST", Status.SENT, "5215512345678"));
            assertThat(sidecar.context.pendingEvents()).isEmpty();
        }
    }

    @Test
    void skipsMalformedAckLinesAndKeepsReading() {
        try (var sidecar = new FakeSidecar(
                root,
                script(
                        raw("{\"event\": \"message_ack\", \"ack\": 2}"),
                        raw("{\"event\": \"message_ack\", \"id\": \"x\", \"ack\": \"read\"}"),
                        raw("{\"event\": \"message_ack\", \"id\": \"x\", \"ack\": 2.5}"),
                        raw("{\"event\": \"message_ack\", \"id\": \"x\"}"),
                        STILL_HERE,
                        ack(SENT_ID, "5215512345678@c.us", "2")))) {
            sidecar.start(sidecar.builder().clock(CLOCK));
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            assertThat(sidecar.context.nextMessage().text()).isEqualTo("still here");
            assertThat(sidecar.context.nextEvent()).isEqualTo(status(SENT_ID, Status.DELIVERED, "5215512345678"));
            assertThat(sidecar.context.pendingEvents()).isEmpty();
            assertThat(sidecar.runs()).isEqualTo(1);
        }
    }

    @Test
    void aRuntimeFailingOnAStatusDoesNotStopTheOthers() {
        try (var sidecar = new FakeSidecar(
                root,
                script(ack(SENT_ID, "5215512345678@c.us", "1"), ack(SENT_ID, "5215512345678@c.us", "2"), STILL_HERE))) {
            sidecar.context.failOnce(event -> event instanceof DeliveryStatus);
            sidecar.start(sidecar.builder().clock(CLOCK));
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            assertThat(sidecar.context.nextEvent()).isEqualTo(status(SENT_ID, Status.DELIVERED, "5215512345678"));
            assertThat(sidecar.context.nextMessage().text()).isEqualTo("still here");
        }
    }

    @Test
    void theStatusCarriesTheIdSendReturned() {
        try (var sidecar =
                new FakeSidecar(root, "{\"runs\": [{\"steps\": [{\"emit\": \"ready\"}], \"acks\": [1, 2, 3]}]}")) {
            var transport = sidecar.start(sidecar.builder().clock(CLOCK));
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            var delivery =
                    transport.send(new OutboundMessage("out-1", "+5215512345678", new OutboundContent.Text("hola")));

            var id = delivery.transportMessageId().orElseThrow();
            assertThat(sidecar.context.nextEvent()).isEqualTo(status(id, Status.SENT, "5215512345678"));
            assertThat(sidecar.context.nextEvent()).isEqualTo(status(id, Status.DELIVERED, "5215512345678"));
            assertThat(sidecar.context.nextEvent()).isEqualTo(status(id, Status.READ, "5215512345678"));
        }
    }

    /** A script whose only run becomes ready, then plays the steps. */
    private static String script(String... steps) {
        var all = new StringBuilder("{\"emit\": \"ready\"}");
        for (var step : steps) {
            all.append(",\n").append(step);
        }
        return "{\"runs\": [{\"steps\": [" + all + "]}]}";
    }

    /** A {@code message_ack} the client emits for a message this account sent. */
    private static String ack(String id, String to, String ack) {
        return """
                {"emit": "message_ack", "args": [{"id": {"_serialized": "%s", "fromMe": true}, "to": "%s"}, %s]}""".formatted(id, to, ack);
    }

    /** A line the sidecar writes as it is, as if it had produced it. */
    private static String raw(String line) {
        return "{\"raw\": " + TextNode.valueOf(line) + "}";
    }

    private static DeliveryStatus status(String id, Status status, String recipient) {
        return new DeliveryStatus(id, status, CLOCK.instant(), Optional.of(recipient), Optional.empty());
    }
}
