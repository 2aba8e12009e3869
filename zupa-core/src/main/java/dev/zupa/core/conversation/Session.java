package dev.zupa.core.conversation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One conversation of a user with an agent. Its turns run on an engine thread whose id is the session id, so a new
 * session starts with an empty working memory.
 *
 * @param id the session's id; never null
 * @param userId the user; never null
 * @param startedAt when it began; never null
 * @param lastActiveAt when its last turn finished (its start before that); never null
 * @param endedAt when it was ended, if it was; never null
 * @param summary the summary it was ended with, if it was; never null
 * @param turns how many turns it has had; not negative
 * @since 0.1
 */
public record Session(
        SessionId id,
        UserId userId,
        Instant startedAt,
        Instant lastActiveAt,
        Optional<Instant> endedAt,
        Optional<String> summary,
        long turns) {

    /** Validates the session. */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(summary, "summary");
        if (turns < 0) {
            throw new IllegalArgumentException("turns must not be negative");
        }
    }

    /**
     * Whether the session is still open.
     *
     * @return true until it is ended
     */
    public boolean active() {
        return endedAt.isEmpty();
    }
}
