package dev.zupa.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.conversation.UserId;
import dev.zupa.core.internal.Providers;
import dev.zupa.core.spi.ConversationDirectoryFactory;
import dev.zupa.core.spi.ProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationDirectoryFactoryTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsTheFactoryUnderSqlite() {
        var found = ServiceLoader.load(ConversationDirectoryFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("sqlite"))
                .toList();

        assertThat(found).singleElement().isInstanceOf(SqliteConversationDirectoryFactory.class);
    }

    @Test
    void providersFindsItByNameAndItOpensAWorkingDirectory() {
        var factory = Providers.find(
                ConversationDirectoryFactory.class,
                "sqlite",
                "dev.zupa:zupa-adapters-sqlite",
                Providers.defaultLoader());
        var file = dir.resolve("from-factory.db");

        try (var directory = factory.create(ProviderConfig.of(Map.of(
                "path", file.toString(),
                "synchronous", "normal",
                "busyTimeout", "PT2S")))) {
            var user = directory.userFor("t", "a", "A", () -> new UserId("u"), Instant.EPOCH);

            assertThat(directory).isInstanceOf(SqliteConversationDirectory.class);
            assertThat(directory.user(user.id())).contains(user);
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void invalidSettingsFailNamingKeyAndValue() {
        var factory = new SqliteConversationDirectoryFactory();
        var base = ProviderConfig.of(Map.of("path", dir.resolve("x.db").toString()));

        assertThatThrownBy(() -> factory.create(base.with("synchronous", "ALWAYS")))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageContainingAll("synchronous", "ALWAYS");
        assertThatThrownBy(() -> factory.create(base.with("busyTimeout", "5 seconds")))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageContainingAll("busyTimeout", "5 seconds");
        assertThatThrownBy(() -> factory.create(base.with("path", "bad\u0000name.db")))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageContaining("path");
    }

    @Test
    void sharesTheCheckpointStoreFactorysNameAndDefaultPath() {
        assertThat(new SqliteConversationDirectoryFactory().name())
                .isEqualTo(new SqliteCheckpointStoreFactory().name());
        assertThat(SqliteConversationDirectoryFactory.DEFAULT_PATH)
                .isEqualTo(SqliteCheckpointStoreFactory.DEFAULT_PATH);
    }
}
