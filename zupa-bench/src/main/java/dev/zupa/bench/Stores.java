package dev.zupa.bench;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Opens the Zupa checkpoint store a scenario asks for. */
final class Stores {
    private static final AtomicLong FILES = new AtomicLong();

    private Stores() {}

    /**
     * A fresh, empty store. A SQLite store gets a new file under {@code dir} with the adapter's defaults (WAL,
     * synchronous=FULL, group commit); closing the returned store also deletes the file.
     */
    static CheckpointStore open(String kind, Path dir, String label) {
        return switch (kind) {
            case "memory" -> CheckpointStore.inMemory();
            case "sqlite" -> {
                var file = dir.resolve(
                        "zupa-" + label + "-" + ProcessHandle.current().pid() + "-" + FILES.incrementAndGet() + ".db");
                deleteDatabase(file);
                var store = SqliteCheckpointStore.open(file);
                yield new MeteredStore(store, false, () -> deleteDatabase(file));
            }
            default -> throw new IllegalArgumentException("unknown store '" + kind + "' (memory, sqlite)");
        };
    }

    private static void deleteDatabase(Path file) {
        RawSqlite.deleteDatabase(file);
    }
}
