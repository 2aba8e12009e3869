package dev.zupa.adapters.sqlite.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JavaType;
import dev.zupa.core.json.JsonCodec;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.Checkpoint;
import dev.zupa.engine.checkpoint.CheckpointId;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.PendingWrite;
import dev.zupa.engine.checkpoint.StoredCheckpoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps checkpoints, blobs and pending writes to rows and back. Rows that cannot be read (JSON that does not parse, a
 * missing or looping blob chain, an unknown kind) become a {@link CheckpointStoreException} naming the thread, the
 * checkpoint and, for blobs, the channel. Stateless apart from the codec; thread-safe.
 */
public final class CheckpointRows {
    private static final String INSERT_BLOB = "INSERT OR IGNORE INTO blobs"
            + " (thread_id, ns, channel, version, kind, base_version, data) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CHECKPOINT = "INSERT OR IGNORE INTO checkpoints"
            + " (thread_id, ns, checkpoint_id, parent_id, step, json) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String EXISTS =
            "SELECT 1 FROM checkpoints WHERE thread_id = ? AND ns = ? AND checkpoint_id = ?";
    private static final String UPSERT_PENDING = "INSERT OR REPLACE INTO pending_writes"
            + " (thread_id, ns, checkpoint_id, task_id, kind, idx, data) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final List<String> DELETE_THREAD = List.of(
            "DELETE FROM pending_writes WHERE thread_id = ?",
            "DELETE FROM blobs WHERE thread_id = ?",
            "DELETE FROM checkpoints WHERE thread_id = ?");

    private static final String LATEST_ID =
            "SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND ns = ? ORDER BY seq DESC LIMIT 1";
    private static final String GET =
            "SELECT checkpoint_id, json FROM checkpoints WHERE thread_id = ? AND ns = ? AND checkpoint_id = ?";
    private static final String HISTORY =
            "SELECT checkpoint_id, json FROM checkpoints" + " WHERE thread_id = ? AND ns = ? ORDER BY seq DESC LIMIT ?";
    // Follows base_version links from the named version back to a FULL blob or a delta without a base. No ORDER BY:
    // SQLite then hands rows out as the recursion makes them (newest first), so a corrupt chain that loops is caught
    // by the caller at its first repeated version instead of running forever.
    private static final String CHAIN = """
            WITH RECURSIVE chain (version, kind, base_version, data) AS (
                SELECT version, kind, base_version, data FROM blobs
                 WHERE thread_id = ?1 AND ns = ?2 AND channel = ?3 AND version = ?4
                UNION ALL
                SELECT b.version, b.kind, b.base_version, b.data FROM chain c JOIN blobs b
                    ON b.thread_id = ?1 AND b.ns = ?2 AND b.channel = ?3 AND b.version = c.base_version
                 WHERE c.kind = 'DELTA'
            )
            SELECT version, kind, base_version, data FROM chain""";
    private static final String PENDING = "SELECT task_id, kind, idx, data FROM pending_writes"
            + " WHERE thread_id = ? AND ns = ? AND checkpoint_id = ?";

    private static final Comparator<PendingWrite> PENDING_ORDER = Comparator.comparing(PendingWrite::taskId)
            .thenComparing(PendingWrite::kind)
            .thenComparingInt(PendingWrite::index);

    private final JsonCodec codec;
    private final JavaType checkpointType;
    private final String file;

    /**
     * Creates the mapper.
     *
     * @param codec encodes checkpoint records
     * @param file the database file, for error messages
     */
    public CheckpointRows(JsonCodec codec, String file) {
        this.codec = codec;
        this.checkpointType = codec.type(Checkpoint.class);
        this.file = file;
    }

    /** The checkpoint record as stored in the {@code json} column. Runs on the caller's thread, not the writer's. */
    public String encode(Checkpoint checkpoint) {
        return new String(codec.encode(checkpoint, checkpointType), UTF_8);
    }

    /**
     * Writes a checkpoint (its {@link #encode encoding} given) and its blobs; known ones are left as they are.
     *
     * @return true when the checkpoint was new
     */
    public boolean insert(Session session, Checkpoint checkpoint, String json, List<ChannelBlob> blobs)
            throws SQLException {
        var thread = checkpoint.threadId().value();
        var ns = checkpoint.namespace();
        var insertBlob = session.prepare(INSERT_BLOB);
        for (var blob : blobs) {
            insertBlob.setString(1, thread);
            insertBlob.setString(2, ns);
            insertBlob.setString(3, blob.channel());
            insertBlob.setString(4, blob.version());
            insertBlob.setString(5, blob.kind().name());
            insertBlob.setString(6, blob.baseVersion().orElse(null));
            insertBlob.setBytes(7, blob.data());
            insertBlob.executeUpdate();
        }
        var insert = session.prepare(INSERT_CHECKPOINT);
        insert.setString(1, thread);
        insert.setString(2, ns);
        insert.setString(3, checkpoint.id().value());
        insert.setString(4, checkpoint.parentId().map(CheckpointId::value).orElse(null));
        insert.setLong(5, checkpoint.step());
        insert.setString(6, json);
        return insert.executeUpdate() == 1;
    }

    /**
     * Writes pending writes, replacing those with the same task, kind and index.
     *
     * @throws CheckpointStoreException when the checkpoint is not stored
     */
    public void insertPendingWrites(
            Session session, ThreadId threadId, String namespace, CheckpointId checkpointId, List<PendingWrite> writes)
            throws SQLException {
        if (!exists(session, threadId, namespace, checkpointId)) {
            throw new CheckpointStoreException("cannot store pending writes for thread " + threadId + ": no checkpoint "
                    + checkpointId + " in namespace '" + namespace + "' of " + file);
        }
        var upsert = session.prepare(UPSERT_PENDING);
        for (var write : writes) {
            bind(upsert, threadId, namespace, checkpointId);
            upsert.setString(4, write.taskId());
            upsert.setString(5, write.kind().name());
            upsert.setInt(6, write.index());
            upsert.setBytes(7, write.data());
            upsert.executeUpdate();
        }
    }

    /** Deletes every row of a thread. */
    public void deleteThread(Session session, ThreadId threadId) throws SQLException {
        for (var sql : DELETE_THREAD) {
            var delete = session.prepare(sql);
            delete.setString(1, threadId.value());
            delete.executeUpdate();
        }
    }

    /**
     * The newest checkpoint of a thread in a namespace, with chains and pending writes, taking the checkpoint and its
     * chains from the cache when it holds them and caching them when it did not.
     */
    public Optional<StoredCheckpoint> latest(
            Session session, ThreadId threadId, String namespace, CheckpointCache cache) throws SQLException {
        var query = session.prepare(LATEST_ID);
        query.setString(1, threadId.value());
        query.setString(2, namespace);
        String id;
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            id = rows.getString(1);
        }
        // just read in this transaction: it exists
        return resolve(session, threadId, namespace, CheckpointId.of(id), cache, true);
    }

    /**
     * One checkpoint, with chains and pending writes, taking the checkpoint and its chains from the cache when it
     * holds them (and the checkpoint is still stored) and caching them when it did not.
     */
    public Optional<StoredCheckpoint> get(
            Session session, ThreadId threadId, String namespace, CheckpointId id, CheckpointCache cache)
            throws SQLException {
        return resolve(session, threadId, namespace, id, cache, false);
    }

    private Optional<StoredCheckpoint> resolve(
            Session session,
            ThreadId threadId,
            String namespace,
            CheckpointId id,
            CheckpointCache cache,
            boolean knownToExist)
            throws SQLException {
        var cached = cache.get(threadId.value(), namespace, id.value());
        if (cached.isPresent()) {
            if (!knownToExist && !exists(session, threadId, namespace, id)) {
                return Optional.empty(); // the thread was deleted since
            }
            var resolved = cached.get();
            return Optional.of(new StoredCheckpoint(
                    resolved.checkpoint(), resolved.channels(), pendingWrites(session, resolved.checkpoint())));
        }
        var query = session.prepare(GET);
        bind(query, threadId, namespace, id);
        return one(session, query, threadId, namespace, cache);
    }

    private boolean exists(Session session, ThreadId threadId, String namespace, CheckpointId id) throws SQLException {
        var exists = session.prepare(EXISTS);
        bind(exists, threadId, namespace, id);
        try (ResultSet rows = exists.executeQuery()) {
            return rows.next();
        }
    }

    /** Checkpoints newest first, without values. */
    public List<Checkpoint> history(
            Session session, ThreadId threadId, String namespace, int limit, CheckpointCache cache)
            throws SQLException {
        var query = session.prepare(HISTORY);
        query.setString(1, threadId.value());
        query.setString(2, namespace);
        query.setInt(3, limit);
        var result = new ArrayList<Checkpoint>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                var id = rows.getString(1);
                // a cached checkpoint is the decoded record of this very row: rows are never updated
                var cached = cache.get(threadId.value(), namespace, id);
                result.add(
                        cached.isPresent()
                                ? cached.get().checkpoint()
                                : decode(threadId, namespace, id, rows.getString(2)));
            }
        }
        return List.copyOf(result);
    }

    private Optional<StoredCheckpoint> one(
            Session session, PreparedStatement query, ThreadId threadId, String namespace, CheckpointCache cache)
            throws SQLException {
        Checkpoint checkpoint;
        int recordBytes;
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            var json = rows.getString(2);
            recordBytes = json == null ? 0 : json.length();
            checkpoint = decode(threadId, namespace, rows.getString(1), json);
        }
        var channels = new HashMap<String, List<ChannelBlob>>();
        for (var entry : checkpoint.channelVersions().entrySet()) {
            channels.put(entry.getKey(), chain(session, checkpoint, entry.getKey(), entry.getValue()));
        }
        cache.put(new CheckpointCache.Resolved(checkpoint, channels), recordBytes);
        return Optional.of(new StoredCheckpoint(checkpoint, channels, pendingWrites(session, checkpoint)));
    }

    private Checkpoint decode(ThreadId threadId, String namespace, String id, String json) {
        Checkpoint checkpoint;
        try {
            checkpoint = codec.decode(json.getBytes(UTF_8), checkpointType);
        } catch (RuntimeException e) {
            throw corrupt(threadId, namespace, id, "its JSON cannot be read: " + e.getMessage(), e);
        }
        if (checkpoint == null) {
            throw corrupt(threadId, namespace, id, "its JSON is null", null);
        }
        if (!checkpoint.id().value().equals(id)
                || !checkpoint.threadId().equals(threadId)
                || !checkpoint.namespace().equals(namespace)) {
            throw corrupt(
                    threadId,
                    namespace,
                    id,
                    "its JSON describes checkpoint " + checkpoint.id() + " of thread " + checkpoint.threadId()
                            + " in namespace '" + checkpoint.namespace() + "'",
                    null);
        }
        return checkpoint;
    }

    private List<ChannelBlob> chain(Session session, Checkpoint checkpoint, String channel, String version)
            throws SQLException {
        var query = session.prepare(CHAIN);
        query.setString(1, checkpoint.threadId().value());
        query.setString(2, checkpoint.namespace());
        query.setString(3, channel);
        query.setString(4, version);
        var newestFirst = new ArrayList<ChannelBlob>();
        var seen = new HashSet<String>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                var blobVersion = rows.getString(1);
                if (!seen.add(blobVersion)) {
                    throw corruptBlob(checkpoint, channel, "its blob chain loops back to version " + blobVersion, null);
                }
                newestFirst.add(blob(checkpoint, channel, blobVersion, rows));
            }
        }
        if (newestFirst.isEmpty()) {
            throw missing(checkpoint, channel, version);
        }
        var oldest = newestFirst.getLast();
        if (oldest.kind() == ChannelBlob.Kind.DELTA && oldest.baseVersion().isPresent()) {
            throw missing(checkpoint, channel, oldest.baseVersion().get());
        }
        return List.copyOf(newestFirst.reversed());
    }

    private ChannelBlob blob(Checkpoint checkpoint, String channel, String version, ResultSet row) throws SQLException {
        var kindText = row.getString(2);
        ChannelBlob.Kind kind;
        try {
            kind = ChannelBlob.Kind.valueOf(kindText);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw corruptBlob(
                    checkpoint, channel, "blob version " + version + " has unknown kind '" + kindText + "'", e);
        }
        try {
            return new ChannelBlob(channel, version, kind, Optional.ofNullable(row.getString(3)), bytes(row, 4));
        } catch (IllegalArgumentException e) {
            throw corruptBlob(checkpoint, channel, "blob version " + version + " is invalid: " + e.getMessage(), e);
        }
    }

    private List<PendingWrite> pendingWrites(Session session, Checkpoint checkpoint) throws SQLException {
        var query = session.prepare(PENDING);
        bind(query, checkpoint.threadId(), checkpoint.namespace(), checkpoint.id());
        var writes = new ArrayList<PendingWrite>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                var task = rows.getString(1);
                var kindText = rows.getString(2);
                PendingWrite.Kind kind;
                try {
                    kind = PendingWrite.Kind.valueOf(kindText);
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw corrupt(
                            checkpoint.threadId(),
                            checkpoint.namespace(),
                            checkpoint.id().value(),
                            "a pending write of task " + task + " has unknown kind '" + kindText + "'",
                            e);
                }
                try {
                    writes.add(new PendingWrite(task, kind, rows.getInt(3), bytes(rows, 4)));
                } catch (IllegalArgumentException e) {
                    throw corrupt(
                            checkpoint.threadId(),
                            checkpoint.namespace(),
                            checkpoint.id().value(),
                            "a pending write of task " + task + " is invalid: " + e.getMessage(),
                            e);
                }
            }
        }
        writes.sort(PENDING_ORDER);
        return writes;
    }

    /** The driver returns null for a zero-length blob; the column is NOT NULL, so null means empty. */
    private static byte[] bytes(ResultSet row, int column) throws SQLException {
        var bytes = row.getBytes(column);
        return bytes == null ? new byte[0] : bytes;
    }

    private static void bind(PreparedStatement statement, ThreadId threadId, String namespace, CheckpointId id)
            throws SQLException {
        statement.setString(1, threadId.value());
        statement.setString(2, namespace);
        statement.setString(3, id.value());
    }

    private CheckpointStoreException missing(Checkpoint checkpoint, String channel, String version) {
        return new CheckpointStoreException("checkpoint " + checkpoint.id() + " of thread " + checkpoint.threadId()
                + " (namespace '" + checkpoint.namespace() + "') names version " + version + " of channel '"
                + channel + "', which is not stored in " + file);
    }

    private CheckpointStoreException corruptBlob(
            Checkpoint checkpoint, String channel, String problem, @Nullable Throwable cause) {
        return corrupt(
                checkpoint.threadId(),
                checkpoint.namespace(),
                checkpoint.id().value(),
                "channel '" + channel + "': " + problem,
                cause);
    }

    private CheckpointStoreException corrupt(
            ThreadId threadId, String namespace, String id, String problem, @Nullable Throwable cause) {
        return new CheckpointStoreException(
                "checkpoint " + id + " of thread " + threadId + " (namespace '" + namespace + "') in " + file
                        + " cannot be read: " + problem,
                cause);
    }
}
