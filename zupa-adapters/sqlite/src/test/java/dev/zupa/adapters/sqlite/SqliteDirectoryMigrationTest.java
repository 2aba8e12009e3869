package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.queryText;
import static dev.zupa.adapters.sqlite.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.adapters.sqlite.internal.DirectoryMigrations;
import dev.zupa.core.ZupaException;
import dev.zupa.core.conversation.UserId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDirectoryMigrationTest {
    private static final String VERSION =
            "SELECT version FROM zupa_schema_versions WHERE component = 'conversation_directory'";

    @TempDir
    Path dir;

    @Test
    void reopeningAnUpToDateFileChangesNothing() throws Exception {
        var file = dir.resolve("again.db");
        try (var directory = SqliteConversationDirectory.open(file)) {
            directory.userFor("t", "a", "A", () -> new UserId("u"), Instant.EPOCH);
        }

        for (int i = 0; i < 2; i++) {
            try (var directory = SqliteConversationDirectory.open(file)) {
                assertThat(directory.user(new UserId("u"))).isPresent();
            }
        }

        assertThat(DirectoryMigrations.latestVersion()).isPositive();
        assertThat(queryText(file, VERSION)).contains(String.valueOf(DirectoryMigrations.latestVersion()));
        assertThat(queryText(file, "SELECT count(*) FROM zupa_schema_versions")).contains("1");
    }

    @Test
    void fileWithANewerDirectorySchemaIsRefusedClearly() throws Exception {
        var file = dir.resolve("newer.db");
        SqliteConversationDirectory.open(file).close();
        int newer = DirectoryMigrations.latestVersion() + 1;
        sql(file, "UPDATE zupa_schema_versions SET version = " + newer + " WHERE component = 'conversation_directory'");

        assertThatThrownBy(() -> SqliteConversationDirectory.open(file))
                .isInstanceOf(ZupaException.class)
                .hasMessageContainingAll(
                        file.toAbsolutePath().toString(),
                        "schema version " + newer,
                        "up to " + DirectoryMigrations.latestVersion(),
                        "newer Zupa");
        assertThat(queryText(file, VERSION)).contains(String.valueOf(newer));
    }

    @Test
    void fileThatIsNotADatabaseIsRefusedNamingIt() throws Exception {
        var file = dir.resolve("notes.db");
        Files.writeString(file, "these are not the tables you are looking for ".repeat(100), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SqliteConversationDirectory.open(file))
                .isInstanceOf(ZupaException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }
}
