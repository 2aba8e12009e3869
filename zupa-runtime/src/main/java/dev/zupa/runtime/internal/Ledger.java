package dev.zupa.runtime.internal;

import dev.zupa.engine.ThreadId;
import java.util.Set;

/** The ledger entry types the runtime writes, and the keys that make them exactly-once marks. */
final class Ledger {
    /** The inbox: a message stored before the transport acknowledged it; key: its inbox key. */
    static final String INBOUND_RECEIVED = "inbound.received";
    /** Closes an inbox entry: processed, failed or rejected; key: the inbox key. */
    static final String INBOUND_DONE = "inbound.done";
    /** The dedup mark, stored with the turn that answered the message; key: its dedup key. */
    static final String INBOUND_PROCESSED = "inbound.processed";
    /** A message that was not processed (rate limited, overloaded, restricted). */
    static final String INBOUND_REJECTED = "inbound.rejected";
    /** The outbox: a reply stored before it is sent; key: the outbox id. */
    static final String OUTBOUND_STORED = "outbound.stored";
    /** A reply handed to the transport; key: the outbox id. */
    static final String OUTBOUND_SENT = "outbound.sent";
    /** A reply that could not be sent; key: the outbox id. */
    static final String OUTBOUND_FAILED = "outbound.failed";
    /** What the channel reported about a sent reply (delivered, read, failed…); key: transport id and status. */
    static final String OUTBOUND_STATUS = "outbound.status";
    /** A message no turn answers (a sticker, a reaction): closed without a model call. */
    static final String INBOUND_UNSUPPORTED = "inbound.unsupported";
    /** A turn that failed and was answered with the fallback. */
    static final String TURN_FAILED = "turn.failed";

    static final Set<String> OUTBOUND_CLOSED = Set.of(OUTBOUND_SENT, OUTBOUND_FAILED);

    /** The thread that entries without a session belong to: the inbox and replies to rejected messages. */
    static final ThreadId INBOX = ThreadId.of("zupa:inbox");

    private Ledger() {}
}
