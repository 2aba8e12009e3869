package dev.zupa.adapters.sqlite;

import dev.zupa.adapters.sqlite.internal.SqliteSettings;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.spi.CheckpointStoreFactory;

/**
 * Makes {@link SqliteCheckpointStore}s for the provider name {@value #NAME}. Settings:
 *
 * <ul>
 *   <li>{@value #PATH}: the database file, default {@value #DEFAULT_PATH} (relative to the working directory);
 *   <li>{@value #SYNCHRONOUS}: {@code FULL} (default), {@code NORMAL} or {@code OFF}, see
 *       {@link SqliteCheckpointStore.Synchronous};
 *   <li>{@value #BUSY_TIMEOUT}: an ISO-8601 duration such as {@code PT5S}, the default.
 * </ul>
 *
 * <p>Registered in {@code META-INF/services/dev.zupa.engine.spi.CheckpointStoreFactory}. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class SqliteCheckpointStoreFactory implements CheckpointStoreFactory {
    /** The provider name. */
    public static final String NAME = "sqlite";

    /** The setting that names the database file. */
    public static final String PATH = "path";

    /** The database file used when {@value #PATH} is not set. */
    public static final String DEFAULT_PATH = "zupa.db";

    /** The setting for SQLite's {@code synchronous} mode. */
    public static final String SYNCHRONOUS = "synchronous";

    /** The setting for the busy timeout. */
    public static final String BUSY_TIMEOUT = "busyTimeout";

    /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
    public SqliteCheckpointStoreFactory() {}

    /**
     * The provider name.
     *
     * @return {@value #NAME}; never null
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens a store from settings.
     *
     * @param config the settings described on this class; never null
     * @return an open store; never null
     * @throws ZupaConfigurationException naming the setting when one is invalid
     * @throws dev.zupa.engine.checkpoint.CheckpointStoreException when the file cannot be opened
     */
    @Override
    public CheckpointStore create(ProviderConfig config) {
        var settings = SqliteSettings.parse(config, "checkpoint store", DEFAULT_PATH);
        var builder = SqliteCheckpointStore.builder().path(settings.path());
        settings.synchronous().ifPresent(builder::synchronous);
        settings.busyTimeout().ifPresent(builder::busyTimeout);
        return builder.build();
    }
}
