package dev.zupa.runtime.management.internal;

import dev.zupa.core.transport.TransportEvent;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.AgentListener;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The transport's connection as last reported by its events: whether it waits for a QR code to be scanned (and which),
 * is authenticated, ready, failed or disconnected. Every transport Zupa ships reports {@code Ready} once started, so a
 * reported {@code Ready} is also the evidence that the agent was started. Thread-safe.
 */
public final class TransportStatus implements AgentListener {

    /** The connection states, in the order a login goes through them. */
    public enum State {
        /** No connection event yet: the agent is not started, or the transport has not connected. */
        UNREPORTED,
        /** Waiting for the QR code to be scanned. */
        QR_REQUESTED,
        /** Logged in, not yet ready. */
        AUTHENTICATED,
        /** Receiving and sending. */
        READY,
        /** The login was refused. */
        AUTH_FAILED,
        /** The connection was lost. */
        DISCONNECTED
    }

    private State state = State.UNREPORTED;
    private @Nullable String qr;
    private @Nullable String reason;
    private @Nullable Instant at;

    @Override
    public synchronized void onEvent(AgentEvent event) {
        if (!(event instanceof AgentEvent.Transport transport)) {
            return;
        }
        switch (transport.event()) {
            case TransportEvent.QrRequested e -> change(State.QR_REQUESTED, transport.at(), e.qr(), null);
            case TransportEvent.Authenticated e -> change(State.AUTHENTICATED, transport.at(), null, null);
            case TransportEvent.Ready e -> change(State.READY, transport.at(), null, null);
            case TransportEvent.AuthFailed e -> change(State.AUTH_FAILED, transport.at(), null, e.reason());
            case TransportEvent.Disconnected e -> change(State.DISCONNECTED, transport.at(), null, e.reason());
            case TransportEvent.DeliveryStatus e -> {
                // about one reply, not the connection
            }
            case TransportEvent.ReplyWindowClosed e -> {
                // about one recipient, not the connection
            }
        }
    }

    private void change(State next, Instant when, @Nullable String code, @Nullable String why) {
        state = next;
        at = when;
        qr = code;
        reason = why;
    }

    /** The state now. */
    public synchronized State state() {
        return state;
    }

    /** The state as JSON fields: {@code state}, {@code since}, and {@code qr} or {@code reason} when there is one. */
    public synchronized Map<String, Object> describe() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("state", state.name());
        fields.put("ready", state == State.READY);
        Optional.ofNullable(at).ifPresent(a -> fields.put("since", a.toString()));
        Optional.ofNullable(qr).ifPresent(q -> fields.put("qr", q));
        Optional.ofNullable(reason).ifPresent(r -> fields.put("reason", r));
        return fields;
    }
}
