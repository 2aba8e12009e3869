package dev.zupa.adapters.whatsappcloud.internal;

import java.util.Optional;

/**
 * What the transport remembers between calls, bounded: the last inbound message of each sender (the typing
 * indicator needs a message id to mark read), the outbox id of each sent message (a later {@code failed} status
 * with 131047 names only the wamid), and the statuses already reported (Meta delivers them at least once).
 */
public final class TransportState {
    /** How many senders, sent messages and statuses are remembered. */
    public static final int CAPACITY = 10_000;

    private final RecentMap<String, String> lastInbound = new RecentMap<>(CAPACITY);
    private final RecentMap<String, String> outboxBySent = new RecentMap<>(CAPACITY);
    private final RecentMap<String, Boolean> reportedStatuses = new RecentMap<>(CAPACITY);

    /** Empty state. */
    public TransportState() {}

    /**
     * Remembers a sender's latest message.
     *
     * @param from the sender
     * @param wamid the message id
     */
    public void inbound(String from, String wamid) {
        lastInbound.put(from, wamid);
    }

    /**
     * The latest message id of a sender.
     *
     * @param from the sender
     * @return the wamid, if remembered
     */
    public Optional<String> lastInbound(String from) {
        return lastInbound.get(from);
    }

    /**
     * Remembers which outbox message a wamid belongs to.
     *
     * @param wamid the sent message's id
     * @param outboxId the outbox id
     */
    public void sent(String wamid, String outboxId) {
        outboxBySent.put(wamid, outboxId);
    }

    /**
     * The outbox id of a sent message.
     *
     * @param wamid the sent message's id
     * @return the outbox id, if remembered
     */
    public Optional<String> outboxOf(String wamid) {
        return outboxBySent.get(wamid);
    }

    /**
     * Whether a status was already reported.
     *
     * @param key the wamid and status
     * @return true when it was
     */
    public boolean reported(String key) {
        return reportedStatuses.contains(key);
    }

    /**
     * Remembers that a status was reported.
     *
     * @param key the wamid and status
     */
    public void markReported(String key) {
        reportedStatuses.put(key, Boolean.TRUE);
    }
}
