package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.transport.TransportEvent.DeliveryStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatsapp-web.js's {@code message_ack} values into {@link DeliveryStatus}es: error to {@code FAILED}, server
 * to {@code SENT}, device to {@code DELIVERED}, read to {@code READ}, played to {@code PLAYED}. Pending, and values
 * this version does not know, are not statuses.
 */
public final class StatusMapper {
    private static final Logger LOG = LoggerFactory.getLogger(StatusMapper.class);

    /** The error text of a failed message: whatsapp-web.js reports the failure without a reason. */
    static final String ERROR_ACK = "WhatsApp reported an error ack";

    private final Clock clock;

    /**
     * Creates a mapper.
     *
     * @param clock dates the statuses: an ack carries no time of its own, so the time is when it arrives
     */
    public StatusMapper(Clock clock) {
        this.clock = clock;
    }

    /**
     * The delivery status an ack reports.
     *
     * @param ack what the sidecar reported
     * @return the status, or empty for pending and unknown ack values
     */
    public Optional<DeliveryStatus> map(SidecarEvent.MessageAck ack) {
        return status(ack)
                .map(status -> new DeliveryStatus(
                        ack.messageId(),
                        status,
                        Instant.now(clock),
                        ack.chat().map(StatusMapper::recipient),
                        status == DeliveryStatus.Status.FAILED ? Optional.of(ERROR_ACK) : Optional.empty()));
    }

    private static Optional<DeliveryStatus.Status> status(SidecarEvent.MessageAck ack) {
        return Optional.ofNullable(
                switch (ack.ack()) {
                    case SidecarEvent.MessageAck.ERROR -> DeliveryStatus.Status.FAILED;
                    // Not yet on its way: the server's ack, or an error, follows.
                    case SidecarEvent.MessageAck.PENDING -> null;
                    case SidecarEvent.MessageAck.SERVER -> DeliveryStatus.Status.SENT;
                    case SidecarEvent.MessageAck.DEVICE -> DeliveryStatus.Status.DELIVERED;
                    case SidecarEvent.MessageAck.READ -> DeliveryStatus.Status.READ;
                    case SidecarEvent.MessageAck.PLAYED -> DeliveryStatus.Status.PLAYED;
                    default -> {
                        // A newer whatsapp-web.js may add values: not worth a warning, nor a broken event loop.
                        LOG.debug("ignoring ack {} of {}: not a value this version knows", ack.ack(), ack.messageId());
                        yield null;
                    }
                });
    }

    /** The recipient as {@code send} takes it, as senders are given: the phone number, or the whole chat id. */
    private static String recipient(String chatId) {
        return Addresses.phoneNumber(chatId).orElse(chatId);
    }
}
