package dev.zupa.core.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * A person an agent talks to, identified by their address on a transport.
 *
 * @param id the user's id; never null
 * @param transport the transport the address belongs to; never blank
 * @param address the address, as the transport reports it; never blank
 * @param displayName the name to address them by; never blank
 * @param preference how they want to be answered; never null
 * @param createdAt when they first wrote; never null
 * @since 0.1
 */
public record User(
        UserId id,
        String transport,
        String address,
        String displayName,
        ReplyPreference preference,
        Instant createdAt) {

    /** Validates the user. */
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(preference, "preference");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The same user with another reply preference.
     *
     * @param newPreference the preference; never null
     * @return a copy; never null
     */
    public User withPreference(ReplyPreference newPreference) {
        return new User(id, transport, address, displayName, newPreference, createdAt);
    }
}
