package dev.zupa.core.transport;

import dev.zupa.core.speech.AudioClip;

/**
 * A messaging channel: WhatsApp, the console, a test transport.
 *
 * <p>Implementations are thread-safe: the runtime sends from many virtual threads at once. Failures are reported as
 * {@link dev.zupa.core.provider.ProviderException}s so that the runtime's retry policy can tell transient from
 * terminal ones.
 *
 * @since 0.1
 */
public interface Transport extends AutoCloseable {

    /**
     * The transport's name, which prefixes the deduplication key of its messages.
     *
     * @return the name, such as {@code console}; never blank
     */
    String name();

    /**
     * Starts receiving: from now on inbound messages go to {@link TransportContext#deliver}. Returns without waiting
     * for the connection to become ready; readiness is reported as a {@link TransportEvent.Ready}.
     *
     * @param context where inbound messages and events go; never null
     */
    void start(TransportContext context);

    /**
     * Sends a reply.
     *
     * @param message the reply; never null
     * @return the transport's receipt; never null
     * @throws dev.zupa.core.provider.ProviderException when the transport could not send it
     */
    Delivery send(OutboundMessage message);

    /**
     * Downloads an inbound message's media.
     *
     * @param media the handle from the inbound message; never null
     * @return the bytes with their media type; never null
     * @throws dev.zupa.core.provider.ProviderException when the media cannot be fetched
     */
    AudioClip download(MediaRef media);

    /**
     * Shows the user that a reply is being prepared. Optional; the default does nothing.
     *
     * @param to the recipient; never null
     */
    default void typing(String to) {}

    /** Stops receiving and releases resources. Idempotent. */
    @Override
    void close();
}
