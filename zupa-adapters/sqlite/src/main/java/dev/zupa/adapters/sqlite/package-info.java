/**
 * Zupa's embedded SQLite stores: the checkpoint store (one file, write-ahead logging, and group commit so that many
 * threads' checkpoints share one fsync) and the conversation directory of users and sessions, which may share the
 * checkpoint store's file. Open them with {@link dev.zupa.adapters.sqlite.SqliteCheckpointStore#open} and
 * {@link dev.zupa.adapters.sqlite.SqliteConversationDirectory#open}, or select either by the provider name
 * {@code "sqlite"}.
 */
@NullMarked
package dev.zupa.adapters.sqlite;

import org.jspecify.annotations.NullMarked;
