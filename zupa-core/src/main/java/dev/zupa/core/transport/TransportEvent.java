package dev.zupa.core.transport;

import java.util.Objects;

/**
 * Something a transport reports about its connection, such as a QR code to scan.
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
}
