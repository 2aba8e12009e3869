package dev.zupa.adapters.sqlite.internal;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.spi.ProviderConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The settings both SQLite factories read ({@code path}, {@code synchronous}, {@code busyTimeout}), parsed once so
 * that one set of settings opens the checkpoint store and the directory on one file alike.
 *
 * @param path the database file
 * @param synchronous SQLite's synchronous mode, when set
 * @param busyTimeout the busy timeout, when set
 */
public record SqliteSettings(
        Path path, Optional<SqliteCheckpointStore.Synchronous> synchronous, Optional<Duration> busyTimeout) {

    /**
     * Parses the settings.
     *
     * @param config the provider settings
     * @param what what is being opened, for error messages ("checkpoint store")
     * @param defaultPath the file when {@code path} is not set
     * @return the settings
     * @throws ZupaConfigurationException naming the setting when one is invalid
     */
    public static SqliteSettings parse(ProviderConfig config, String what, String defaultPath) {
        var text = config.get("path").orElse(defaultPath);
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(what, "path", text, "not a file path: " + e.getMessage(), e);
        }
        var synchronous = config.get("synchronous").map(value -> {
            try {
                return SqliteCheckpointStore.Synchronous.parse(value);
            } catch (IllegalArgumentException e) {
                throw invalid(what, "synchronous", value, "expected FULL, NORMAL or OFF", e);
            }
        });
        var busyTimeout = config.get("busyTimeout").map(value -> {
            try {
                var duration = Duration.parse(value);
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("negative");
                }
                return duration;
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw invalid(what, "busyTimeout", value, "expected a non-negative ISO-8601 duration such as PT5S", e);
            }
        });
        return new SqliteSettings(path, synchronous, busyTimeout);
    }

    private static ZupaConfigurationException invalid(
            String what, String key, String value, String expected, Exception cause) {
        return new ZupaConfigurationException(
                "invalid sqlite " + what + " setting '" + key + "' = '" + value + "': " + expected, cause);
    }
}
