package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.transport.TransportEvent;

/** Where the supervisor reports what happens to the WhatsApp Web session. Called from the sidecar's reader thread. */
public interface SessionListener {
    /**
     * A connection event: QR code, authenticated, ready, authentication failed, disconnected.
     *
     * @param event the event
     */
    void event(TransportEvent event);

    /**
     * A received message, in the order WhatsApp Web reported them.
     *
     * @param message the message
     */
    void message(WebMessage message);

    /**
     * WhatsApp Web's progress report on a message this account sent.
     *
     * @param ack the ack
     */
    void ack(SidecarEvent.MessageAck ack);
}
