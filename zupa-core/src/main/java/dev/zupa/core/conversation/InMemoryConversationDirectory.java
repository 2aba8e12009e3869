package dev.zupa.core.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory directory, and the reference the contract suite is written against. One lock guards everything: each
 * call is a few map operations, and a {@link ReentrantLock} parks a waiting virtual thread instead of pinning it.
 */
final class InMemoryConversationDirectory implements ConversationDirectory {
    /** A session with the order it was created in, which breaks ties between equal instants. */
    private record Stored(Session session, long seq) {}

    private record Address(String transport, String address) {}

    private static final Comparator<Stored> IDLE_LONGEST_FIRST =
            Comparator.comparing((Stored s) -> s.session().lastActiveAt()).thenComparingLong(Stored::seq);
    private static final Comparator<Stored> ENDED_LAST_FIRST = Comparator.comparing(
                    (Stored s) -> s.session().endedAt().orElseThrow())
            .thenComparingLong(Stored::seq)
            .reversed();

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<UserId, User> users = new HashMap<>();
    private final Map<Address, UserId> usersByAddress = new HashMap<>();
    private final Map<SessionId, Stored> sessions = new HashMap<>();
    private final Map<UserId, List<SessionId>> sessionsByUser = new HashMap<>();
    private final Map<UserId, SessionId> openSessions = new HashMap<>();
    private long nextSeq;
    private boolean closed;

    InMemoryConversationDirectory() {}

    @Override
    public User userFor(String transport, String address, String displayName, Supplier<UserId> newId, Instant now) {
        requireText(transport, "transport");
        requireText(address, "address");
        requireText(displayName, "displayName");
        Objects.requireNonNull(newId, "newId");
        Objects.requireNonNull(now, "now");
        var key = new Address(transport, address);
        lock.lock();
        try {
            ensureOpen();
            var existing = usersByAddress.get(key);
            if (existing != null) {
                return users.get(existing);
            }
            var id = Objects.requireNonNull(newId.get(), "newId returned null");
            if (users.containsKey(id)) {
                throw new IllegalArgumentException(
                        "newId returned " + id + ", which is already the id of another user");
            }
            var user = new User(id, transport, address, displayName, ReplyPreference.MIRROR, now);
            users.put(id, user);
            usersByAddress.put(key, id);
            return user;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<User> user(UserId id) {
        Objects.requireNonNull(id, "id");
        lock.lock();
        try {
            ensureOpen();
            return Optional.ofNullable(users.get(id));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setPreference(UserId id, ReplyPreference preference) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(preference, "preference");
        lock.lock();
        try {
            ensureOpen();
            var user = users.get(id);
            if (user == null) {
                throw new IllegalArgumentException("unknown user " + id);
            }
            users.put(id, user.withPreference(preference));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Session activeSession(UserId userId, Supplier<SessionId> newId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(newId, "newId");
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            ensureOpen();
            if (!users.containsKey(userId)) {
                throw new IllegalArgumentException("unknown user " + userId);
            }
            var open = openSessions.get(userId);
            if (open != null) {
                return sessions.get(open).session();
            }
            var id = Objects.requireNonNull(newId.get(), "newId returned null");
            if (sessions.containsKey(id)) {
                throw new IllegalArgumentException(
                        "newId returned " + id + ", which is already the id of another session");
            }
            var session = new Session(id, userId, now, now, Optional.empty(), Optional.empty(), 0);
            sessions.put(id, new Stored(session, nextSeq++));
            sessionsByUser.computeIfAbsent(userId, u -> new ArrayList<>()).add(id);
            openSessions.put(userId, id);
            return session;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Session> session(SessionId id) {
        Objects.requireNonNull(id, "id");
        lock.lock();
        try {
            ensureOpen();
            return Optional.ofNullable(sessions.get(id)).map(Stored::session);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void touch(SessionId id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        lock.lock();
        try {
            ensureOpen();
            var stored = existing(id);
            var s = stored.session();
            var touched = new Session(s.id(), s.userId(), s.startedAt(), at, s.endedAt(), s.summary(), s.turns() + 1);
            sessions.put(id, new Stored(touched, stored.seq()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean endSession(SessionId id, Instant at, String summary) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(summary, "summary");
        lock.lock();
        try {
            ensureOpen();
            var stored = existing(id);
            var s = stored.session();
            if (!s.active()) {
                return false;
            }
            var ended = new Session(
                    s.id(),
                    s.userId(),
                    s.startedAt(),
                    s.lastActiveAt(),
                    Optional.of(at),
                    Optional.of(summary),
                    s.turns());
            sessions.put(id, new Stored(ended, stored.seq()));
            openSessions.remove(s.userId(), id);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Session> endedSessions(UserId userId, int limit) {
        Objects.requireNonNull(userId, "userId");
        requirePositive(limit);
        lock.lock();
        try {
            ensureOpen();
            return sessionsByUser.getOrDefault(userId, List.of()).stream()
                    .map(sessions::get)
                    .filter(s -> !s.session().active())
                    .sorted(ENDED_LAST_FIRST)
                    .limit(limit)
                    .map(Stored::session)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Session> activeSessions(int limit) {
        requirePositive(limit);
        lock.lock();
        try {
            ensureOpen();
            return openSessions.values().stream()
                    .map(sessions::get)
                    .sorted(IDLE_LONGEST_FIRST)
                    .limit(limit)
                    .map(Stored::session)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            users.clear();
            usersByAddress.clear();
            sessions.clear();
            sessionsByUser.clear();
            openSessions.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ConversationDirectory.inMemory()";
    }

    private Stored existing(SessionId id) {
        var stored = sessions.get(id);
        if (stored == null) {
            throw new IllegalArgumentException("unknown session " + id);
        }
        return stored;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the in-memory conversation directory is closed");
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }
}
