package dev.zupa.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where users and sessions are stored. The router is stateless: everything it knows comes from here, so any
 * instance may take any message.
 *
 * <p>Implementations are thread-safe, and the two "or create" methods are atomic: two first messages of a new user
 * racing each other create one user and one session.
 *
 * @since 0.1
 */
public interface ConversationDirectory extends AutoCloseable {

    /**
     * The user with this address, created when there is none.
     *
     * @param transport the transport; never blank
     * @param address the address on it; never blank
     * @param displayName the name for a new user; never blank
     * @param newId the id for a new user; called at most once
     * @param now the creation time for a new user; never null
     * @return the existing or new user; never null
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
     * @throws IllegalArgumentException when the user is unknown
     */
    void setPreference(UserId id, ReplyPreference preference);

    /**
     * The user's active session, opened when there is none.
     *
     * @param userId the user; never null
     * @param newId the id for a new session; called at most once
     * @param now the start time of a new session; never null
     * @return the existing or new session; never null
     */
    Session activeSession(UserId userId, Supplier<SessionId> newId, Instant now);

    /**
     * A session by id.
     *
     * @param id the id; never null
     * @return the session, or empty when unknown; never null
     */
    Optional<Session> session(SessionId id);

    /**
     * Records a finished turn: sets the last activity and counts the turn.
     *
     * @param id the session; never null
     * @param at when the turn finished; never null
     */
    void touch(SessionId id, Instant at);

    /**
     * Ends a session with a summary. Ending an ended session does nothing.
     *
     * @param id the session; never null
     * @param at when; never null
     * @param summary the summary; never null
     * @return true when this call ended it
     */
    boolean endSession(SessionId id, Instant at, String summary);

    /**
     * A user's most recently ended sessions, newest first.
     *
     * @param userId the user; never null
     * @param limit at most this many; positive
     * @return the sessions; never null
     */
    List<Session> endedSessions(UserId userId, int limit);

    /**
     * Every open session, oldest activity first.
     *
     * @param limit at most this many; positive
     * @return the sessions; never null
     */
    List<Session> activeSessions(int limit);

    /** Releases resources. Idempotent. */
    @Override
    void close();
}
