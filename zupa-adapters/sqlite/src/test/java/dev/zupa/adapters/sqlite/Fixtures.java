package dev.zupa.adapters.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointSource;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders shared by this module's tests. */
final class Fixtures {
    private Fixtures() {}

    static Checkpoint checkpoint(ThreadId thread, String id, Optional<String> parent, Map<String, String> versions) {
        return new Checkpoint(
                CheckpointId.of(id),
                thread,
                "",
                parent.map(CheckpointId::of),
                0,
                Instant.parse("2025-01-01T00:00:00Z"),
                CheckpointSource.LOOP,
                versions,
                Map.of(),
                List.of(),
                List.of(),
                Map.of());
    }

    static ChannelBlob full(String channel, String version, String json) {
        return new ChannelBlob(channel, version, ChannelBlob.Kind.FULL, Optional.empty(), json.getBytes(UTF_8));
    }

    static ChannelBlob delta(String channel, String version, String base, String json) {
        return new ChannelBlob(channel, version, ChannelBlob.Kind.DELTA, Optional.of(base), json.getBytes(UTF_8));
    }

    /** Runs SQL against the file with a plain JDBC connection, as a foreign writer would. */
    static void sql(Path file, String... statements) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            for (var sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static int userVersion(Path file) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The first column of the first row of a query, as text; empty when there is no row. */
    static Optional<String> queryText(Path file, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        }
    }
}
