package dev.zupa.adapters.sqlite;

import dev.zupa.adapters.sqlite.internal.SqliteSettings;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.spi.ConversationDirectoryFactory;
import dev.zupa.core.spi.ProviderConfig;

/**
 * Makes {@link SqliteConversationDirectory}s for the provider name {@value #NAME}. Settings, the same as the
 * checkpoint store's so that one set of settings can open both on one file:
 *
 * <ul>
 *   <li>{@value #PATH}: the database file, default {@value #DEFAULT_PATH} (relative to the working directory);
 *   <li>{@value #SYNCHRONOUS}: {@code FULL} (default), {@code NORMAL} or {@code OFF}, see
 *       {@link SqliteCheckpointStore.Synchronous};
 *   <li>{@value #BUSY_TIMEOUT}: an ISO-8601 duration such as {@code PT5S}, the default.
 * </ul>
 *
 * <p>Registered in {@code META-INF/services/dev.zupa.core.spi.ConversationDirectoryFactory}. Stateless and
 * thread-safe.
 *
 * @since 0.1
 */
public final class SqliteConversationDirectoryFactory implements ConversationDirectoryFactory {
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
    public SqliteConversationDirectoryFactory() {}

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
     * Opens a directory from settings.
     *
     * @param config the settings described on this class; never null
     * @return an open directory; never null
     * @throws ZupaConfigurationException naming the setting when one is invalid
     * @throws dev.zupa.core.ZupaException when the file cannot be opened
     */
    @Override
    public ConversationDirectory create(ProviderConfig config) {
        var settings = SqliteSettings.parse(config, "conversation directory", DEFAULT_PATH);
        var builder = SqliteConversationDirectory.builder().path(settings.path());
        settings.synchronous().ifPresent(builder::synchronous);
        settings.busyTimeout().ifPresent(builder::busyTimeout);
        return builder.build();
    }
}
