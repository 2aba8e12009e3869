package dev.zupa.engine.spi;

import dev.zupa.core.spi.ProviderFactory;
import dev.zupa.engine.checkpoint.CheckpointStore;

/**
 * Creates a {@link CheckpointStore} by name ({@code "sqlite"}, {@code "postgres"}, …). Adapters register it in
 * {@code META-INF/services/dev.zupa.engine.spi.CheckpointStoreFactory}.
 *
 * @since 0.1
 */
public interface CheckpointStoreFactory extends ProviderFactory<CheckpointStore> {}
