package dev.zupa.adapters.sqlite;

import static dev.zupa.adapters.sqlite.Fixtures.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.internal.Providers;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.spi.CheckpointStoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCheckpointStoreFactoryTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsTheFactoryUnderSqlite() {
        var names = ServiceLoader.load(CheckpointStoreFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("sqlite"))
                .toList();

        assertThat(names).singleElement().isInstanceOf(SqliteCheckpointStoreFactory.class);
    }

    @Test
    void providersFindsItByNameAndItOpensAWorkingStore() {
        var factory = Providers.find(
                CheckpointStoreFactory.class, "sqlite", "dev.zupa:zupa-adapters-sqlite", Providers.defaultLoader());
        var file = dir.resolve("from-factory.db");

        try (var store = factory.create(ProviderConfig.of(Map.of(
                "path", file.toString(),
                "synchronous", "normal",
                "busyTimeout", "PT2S")))) {
            var thread = ThreadId.of("t");
            store.put(checkpoint(thread, "cp-1", Optional.empty(), Map.of()), List.of());

            assertThat(store).isInstanceOf(SqliteCheckpointStore.class);
            assertThat(store.latest(thread, "")).isPresent();
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void invalidSettingsFailNamingKeyAndValue() {
        var factory = new SqliteCheckpointStoreFactory();
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
    void defaultPathIsZupaDb() {
        assertThat(SqliteCheckpointStoreFactory.DEFAULT_PATH).isEqualTo("zupa.db");
        assertThat(new SqliteCheckpointStoreFactory().name()).isEqualTo("sqlite");
    }
}
