/**
 * The SQLite checkpoint store, Zupa's embedded default: one file, write-ahead logging, and group commit so that many
 * threads' checkpoints share one fsync. Open it with {@link dev.zupa.adapters.sqlite.SqliteCheckpointStore#open} or
 * select it by the provider name {@code "sqlite"}.
 */
@NullMarked
package dev.zupa.adapters.sqlite;

import org.jspecify.annotations.NullMarked;
