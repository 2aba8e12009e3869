package dev.zupa.core.transport;

/**
 * What the runtime gives a transport when it starts it.
 *
 * @since 0.1
 */
public interface TransportContext {

    /**
     * Hands an inbound message to the runtime. Returns once the message is durably stored (or recognised as a
     * redelivery); only then may the transport acknowledge it to its source.
     *
     * @param message the message; never null
     * @throws dev.zupa.core.ZupaException when the message could not be stored; the transport must not acknowledge
     *     it, so that its source delivers it again
     */
    void deliver(InboundMessage message);

    /**
     * Reports a connection event (QR requested, ready, disconnected).
     *
     * @param event the event; never null
     */
    void event(TransportEvent event);
}
