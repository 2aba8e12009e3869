package dev.zupa.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where users and sessions are stored. The router is stateless: everything it knows comes from here, so any
 * instance may take any message. Every implementation passes the same contract suite
 * ({@code dev.zupa.testkit.ConversationDirectoryContract}).
 *
 * <p>Implementations are thread-safe, and the two "or create" methods are atomic: two first messages of a new user
 * racing each other create one user and one session. A user has at most one open session at a time.
 *
 * <p>Every method blocks; callers run on virtual threads. Once {@link #close() closed}, every method but
 * {@code close()} throws {@link IllegalStateException}. Failures of the underlying storage are
 * {@link dev.zupa.core.ZupaException}s whose message names the storage.
 *
 * @since 0.1
 */
public interface ConversationDirectory extends AutoCloseable {

    /**
     * A directory that keeps users and sessions in memory, for tests, examples and single-process use. What it
     * holds is lost when it is closed or the process ends.
     *
     * @return a new, empty directory; never null
     */
    static ConversationDirectory inMemory() {
        return new InMemoryConversationDirectory();
    }

    /**
     * The user with this address, created when there is none with preference {@link ReplyPreference#MIRROR}.
     *
     * <p>Atomic: callers racing for one new address all get the same user, and only one user is created. The
     * display name and time are ignored when the user exists.
     *
     * @param transport the transport; never blank
     * @param address the address on it; never blank
     * @param displayName the name for a new user; never blank
     * @param newId the id for a new user; called at most once per call, and not at all when the user already existed
     *     before the call
     * @param now the creation time for a new user; never null
     * @return the existing or new user; never null
     * @throws IllegalArgumentException when a text argument is blank, or {@code newId} returns the id of another user
     */
    User userFor(String transport, String address, String displayName, Supplier<UserId> newId, Instant now);

    /**
     * A user by id.
     *
     * @param id the id; never null
     * @return the user, or empty when unknown; never null
     */
    Optional<User> user(UserId id);

    /**
     * Sets a user's reply preference.
     *
     * @param id the user; never null
     * @param preference the preference; never null
     * @throws IllegalArgumentException naming the id when the user is unknown
     */
    void setPreference(UserId id, ReplyPreference preference);

    /**
     * The user's active session, opened when there is none with {@code startedAt = lastActiveAt = now} and no turns.
     *
     * <p>Atomic: callers racing for a user without an open session all get the same new session.
     *
     * @param userId the user; never null
     * @param newId the id for a new session; called at most once per call, and not at all when the session was
     *     already open before the call
     * @param now the start time of a new session; never null
     * @return the existing or new session; never null
     * @throws IllegalArgumentException naming the id when the user is unknown, or when {@code newId} returns the id
     *     of another session
     */
    Session activeSession(UserId userId, Supplier<SessionId> newId, Instant now);

    /**
     * A session by id, open or ended.
     *
     * @param id the id; never null
     * @return the session, or empty when unknown; never null
     */
    Optional<Session> session(SessionId id);

    /**
     * Records a finished turn: sets the last activity to {@code at} and counts the turn. Touching an ended session
     * still counts the turn but does not reopen it.
     *
     * @param id the session; never null
     * @param at when the turn finished; never null
     * @throws IllegalArgumentException naming the id when the session is unknown
     */
    void touch(SessionId id, Instant at);

    /**
     * Ends a session with a summary. Ending an ended session does nothing; the user's next
     * {@link #activeSession activeSession} call opens a new session.
     *
     * @param id the session; never null
     * @param at when; never null
     * @param summary the summary; never null, may be empty
     * @return true when this call ended it, false when it was already ended
     * @throws IllegalArgumentException naming the id when the session is unknown
     */
    boolean endSession(SessionId id, Instant at, String summary);

    /**
     * A user's most recently ended sessions, newest end first.
     *
     * @param userId the user; never null
     * @param limit at most this many; positive
     * @return the sessions; empty for an unknown user; never null
     * @throws IllegalArgumentException when the limit is not positive
     */
    List<Session> endedSessions(UserId userId, int limit);

    /**
     * Every open session, oldest last activity first: the sessions idle the longest come first.
     *
     * @param limit at most this many; positive
     * @return the sessions; never null
     * @throws IllegalArgumentException when the limit is not positive
     */
    List<Session> activeSessions(int limit);

    /** Releases resources. Idempotent; later calls of the other methods throw {@link IllegalStateException}. */
    @Override
    void close();
}
