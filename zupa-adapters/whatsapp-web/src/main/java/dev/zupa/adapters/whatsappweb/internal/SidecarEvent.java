package dev.zupa.adapters.whatsappweb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One line the sidecar writes on its standard output. Closed: a new event needs a new variant here and in
 * {@code sidecar.js}; the supervisor switches over all of them.
 */
public sealed interface SidecarEvent {

    /**
     * WhatsApp Web shows a login QR code; it rotates, so a new one may follow.
     *
     * @param qr the payload to render
     */
    record Qr(String qr) implements SidecarEvent {
        /** Validates the payload. */
        public Qr {
            Objects.requireNonNull(qr, "qr");
        }
    }

    /** The login (a scan, or the stored session) was accepted; {@link Ready} should follow. */
    record Authenticated() implements SidecarEvent {}

    /**
     * The stored session could not be restored; the sidecar wipes it and exits.
     *
     * @param message the library's reason
     */
    record AuthFailure(String message) implements SidecarEvent {
        /** Validates the reason. */
        public AuthFailure {
            Objects.requireNonNull(message, "message");
        }
    }

    /** WhatsApp Web receives and sends messages. */
    record Ready() implements SidecarEvent {}

    /**
     * WhatsApp Web lost the session; after {@value #LOGOUT} the sidecar stays up and shows a new QR code, after any
     * other reason it exits.
     *
     * @param reason a WhatsApp state ({@code CONFLICT}, {@code UNPAIRED}, …) or {@value #LOGOUT}
     */
    record Disconnected(String reason) implements SidecarEvent {
        /** The reason when the phone logged the session out. */
        public static final String LOGOUT = "LOGOUT";

        /** Validates the reason. */
        public Disconnected {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * Whether the sidecar keeps running after this disconnection.
         *
         * @return true after a logout
         */
        public boolean sidecarStaysUp() {
            return LOGOUT.equals(reason);
        }
    }

    /**
     * A message someone sent.
     *
     * @param message the message
     */
    record Message(WebMessage message) implements SidecarEvent {
        /** Validates the message. */
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * WhatsApp Web's progress report on a message this account sent ({@code message_ack}).
     *
     * @param messageId the message's {@code id._serialized}, the id {@code send_text} and {@code send_voice} returned
     * @param chat the chat it went to ({@code msg.to}), when the library said
     * @param ack the library's value: {@value #ERROR} error, {@value #PENDING} pending, {@value #SERVER} server,
     *     {@value #DEVICE} device, {@value #READ} read, {@value #PLAYED} played; other values may come from newer
     *     versions
     */
    record MessageAck(String messageId, Optional<String> chat, int ack) implements SidecarEvent {
        /** WhatsApp could not send the message. */
        public static final int ERROR = -1;

        /** The message waits on the phone's side to be sent. */
        public static final int PENDING = 0;

        /** WhatsApp's server accepted the message. */
        public static final int SERVER = 1;

        /** The message reached the recipient's device. */
        public static final int DEVICE = 2;

        /** The recipient read the message (blue ticks). */
        public static final int READ = 3;

        /** The recipient played the voice note. */
        public static final int PLAYED = 4;

        /** Validates the fields. */
        public MessageAck {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(chat, "chat");
            if (messageId.isBlank()) {
                throw new IllegalArgumentException("a message ack needs the message's id");
            }
        }
    }

    /**
     * The sidecar cannot go on (the library is missing, the browser did not start); it exits next.
     *
     * @param error what went wrong
     */
    record Fatal(String error) implements SidecarEvent {
        /** Validates the error. */
        public Fatal {
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * The answer to a command.
     *
     * @param id the command's request id
     * @param ok whether the command succeeded
     * @param result what it returned, an empty object on failure
     * @param code the error code on failure, empty on success
     * @param error the error message on failure, empty on success
     */
    record Reply(String id, boolean ok, JsonNode result, String code, String error) implements SidecarEvent {
        /** Validates the reply. */
        public Reply {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(error, "error");
        }
    }
}
