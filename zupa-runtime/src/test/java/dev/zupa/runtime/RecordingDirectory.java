package dev.zupa.runtime;

import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory directory that records who was looked up and how many users and sessions were created, and can be made
 * to fail {@link #touch}.
 */
final class RecordingDirectory implements ConversationDirectory {
    private final ConversationDirectory delegate = ConversationDirectory.inMemory();
    final List<String> lookedUp = new CopyOnWriteArrayList<>();
    final AtomicInteger usersCreated = new AtomicInteger();
    final AtomicInteger sessionsCreated = new AtomicInteger();
    volatile boolean failTouch;

    @Override
    public User userFor(String transport, String address, String displayName, Supplier<UserId> newId, Instant now) {
        lookedUp.add(address);
        return delegate.userFor(
                transport,
                address,
                displayName,
                () -> {
                    usersCreated.incrementAndGet();
                    return newId.get();
                },
                now);
    }

    @Override
    public Optional<User> user(UserId id) {
        return delegate.user(id);
    }

    @Override
    public void setPreference(UserId id, ReplyPreference preference) {
        delegate.setPreference(id, preference);
    }

    @Override
    public Session activeSession(UserId userId, Supplier<SessionId> newId, Instant now) {
        return delegate.activeSession(
                userId,
                () -> {
                    sessionsCreated.incrementAndGet();
                    return newId.get();
                },
                now);
    }

    @Override
    public Optional<Session> session(SessionId id) {
        return delegate.session(id);
    }

    @Override
    public void touch(SessionId id, Instant at) {
        if (failTouch) {
            throw new IllegalStateException("injected: the directory is down");
        }
        delegate.touch(id, at);
    }

    @Override
    public boolean endSession(SessionId id, Instant at, String summary) {
        return delegate.endSession(id, at, summary);
    }

    @Override
    public List<Session> endedSessions(UserId userId, int limit) {
        return delegate.endedSessions(userId, limit);
    }

    @Override
    public List<Session> activeSessions(int limit) {
        return delegate.activeSessions(limit);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
