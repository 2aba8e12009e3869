package dev.zupa.core.spi;

import dev.zupa.core.transport.Transport;

/**
 * Creates a transport (`console`, `whatsapp-cloud`, `whatsapp-web`) by name. Adapters register it in
 * {@code META-INF/services/dev.zupa.core.spi.TransportFactory}.
 *
 * @since 0.1
 */
public interface TransportFactory extends ProviderFactory<Transport> {}
