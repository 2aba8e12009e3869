package dev.zupa.core.transport;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a transport reports outside the flow of messages: its connection (a QR code to scan, ready,
 * disconnected) and what became of a reply after it was sent.
 *
 * @since 0.1
 */
public sealed interface TransportEvent {

    /**
     * The transport needs the user to scan a QR code to log in.
     *
     * @param qr the QR payload to render; never blank
     */
    record QrRequested(String qr) implements TransportEvent {
        /** Validates the payload. */
        public QrRequested {
            Objects.requireNonNull(qr, "qr");
        }
    }

    /** The login succeeded; the transport is still connecting. */
    record Authenticated() implements TransportEvent {}

    /** The transport receives and sends messages. */
    record Ready() implements TransportEvent {}

    /**
     * The login failed; the transport will not become ready without help.
     *
     * @param reason why; never null
     */
    record AuthFailed(String reason) implements TransportEvent {
        /** Validates the reason. */
        public AuthFailed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The connection was lost; the transport tries to reconnect.
     *
     * @param reason why; never null
     */
    record Disconnected(String reason) implements TransportEvent {
        /** Validates the reason. */
        public Disconnected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The channel reported what became of a sent reply (WhatsApp status webhooks, for example).
     *
     * @param transportMessageId the id the transport gave the reply when it was sent ({@link Delivery}); never blank
     * @param status the new status; never null
     * @param at when the channel says it happened; never null
     * @param recipient who the reply was for, when the channel says; never null
     * @param error the channel's error code and text for {@link Status#FAILED}; never null
     */
    record DeliveryStatus(
            String transportMessageId, Status status, Instant at, Optional<String> recipient, Optional<String> error)
            implements TransportEvent {
        /** Validates the fields. */
        public DeliveryStatus {
            Objects.requireNonNull(transportMessageId, "transportMessageId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(error, "error");
            if (transportMessageId.isBlank()) {
                throw new IllegalArgumentException("a delivery status needs the transport's message id");
            }
        }

        /** The stages a sent reply goes through; {@link #FAILED} may follow any of them. */
        public enum Status {
            /** The channel accepted the reply. */
            SENT,
            /** The reply reached the recipient's device. */
            DELIVERED,
            /** The recipient opened it. */
            READ,
            /** The recipient played the voice note. */
            PLAYED,
            /** The channel could not deliver it. */
            FAILED
        }
    }

    /**
     * A reply could not be sent because the channel only allows free-form replies for a while after the user's last
     * message (WhatsApp's 24-hour customer service window, error 131047). The application may send an approved
     * template instead.
     *
     * @param to the recipient; never blank
     * @param outboundMessageId the outbox id of the reply that was refused; never blank
     */
    record ReplyWindowClosed(String to, String outboundMessageId) implements TransportEvent {
        /** Validates the fields. */
        public ReplyWindowClosed {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(outboundMessageId, "outboundMessageId");
            if (to.isBlank() || outboundMessageId.isBlank()) {
                throw new IllegalArgumentException("a closed reply window needs a recipient and the reply's id");
            }
        }
    }
}
