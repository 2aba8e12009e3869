package dev.zupa.engine.checkpoint;

import dev.zupa.engine.ThreadId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Walks ledger entries and checks each thread's hash chain, for stores implementing
 * {@link CheckpointStore#verifyLedger(ThreadId)}. Feed it entries in commit order (store-wide sequence order); the
 * entries of several threads may be interleaved.
 *
 * <p>For each thread, the chain starts at its {@link LedgerAnchor} when it was purged (thread sequence after the
 * anchor's, previous hash the anchor's hash), and otherwise at thread sequence 1 and {@link LedgerChain#GENESIS}. Each
 * entry is then checked in this order: its thread sequence follows the previous one ({@link
 * LedgerBreak.Reason#SEQUENCE_GAP}); its fields give its hash ({@link LedgerBreak.Reason#HASH_MISMATCH}); its previous
 * hash is the previous entry's hash ({@link LedgerBreak.Reason#PREVIOUS_HASH_MISMATCH}).
 *
 * <p>Not thread-safe: one verification, one verifier.
 *
 * @since 0.1
 */
public final class LedgerVerifier {
    private final Map<ThreadId, LedgerAnchor> anchors;
    private final Map<ThreadId, Link> heads = new HashMap<>();
    private long entries;
    private Optional<LedgerBreak> firstBreak = Optional.empty();

    private record Link(long threadSequence, String hash) {}

    /**
     * Starts a verification.
     *
     * @param anchors the purge anchors of the threads that will be checked, by thread; never null
     */
    public LedgerVerifier(Map<ThreadId, LedgerAnchor> anchors) {
        this.anchors = Map.copyOf(anchors);
    }

    /**
     * Checks the next entry. After the first break, further entries are ignored.
     *
     * @param entry the entry; never null
     * @return the break this entry is, or empty when it is sound (or a break was found before); never null
     */
    public Optional<LedgerBreak> check(LedgerEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (firstBreak.isPresent()) {
            return Optional.empty();
        }
        entries++;
        var thread = entry.threadId();
        var previous = heads.get(thread);
        if (previous == null) {
            var anchor = anchors.get(thread);
            previous = anchor == null
                    ? new Link(0, LedgerChain.GENESIS)
                    : new Link(anchor.threadSequence(), anchor.hash());
        }
        heads.put(thread, new Link(entry.threadSequence(), entry.hash()));
        LedgerBreak found = null;
        if (entry.threadSequence() != previous.threadSequence() + 1) {
            found = broken(
                    entry,
                    LedgerBreak.Reason.SEQUENCE_GAP,
                    "expected thread sequence " + (previous.threadSequence() + 1) + ", found " + entry.threadSequence()
                            + ": entries are missing or out of order");
        } else if (!LedgerChain.hash(entry).equals(entry.hash())) {
            found = broken(
                    entry,
                    LedgerBreak.Reason.HASH_MISMATCH,
                    "the entry's fields hash to " + LedgerChain.hash(entry) + ", but its stored hash is " + entry.hash()
                            + ": it was changed after it was stored");
        } else if (!entry.previousHash().equals(previous.hash())) {
            found = broken(
                    entry,
                    LedgerBreak.Reason.PREVIOUS_HASH_MISMATCH,
                    "the entry chains to " + entry.previousHash() + ", but the entry before it hashes to "
                            + previous.hash() + ": the entry before was replaced");
        }
        firstBreak = Optional.ofNullable(found);
        return firstBreak;
    }

    /**
     * Whether a break was found; a store may stop reading then.
     *
     * @return true after the first broken entry
     */
    public boolean broken() {
        return firstBreak.isPresent();
    }

    /**
     * The outcome so far.
     *
     * @return the verification; never null
     */
    public LedgerVerification result() {
        return new LedgerVerification(heads.size(), entries, firstBreak);
    }

    private static LedgerBreak broken(LedgerEntry entry, LedgerBreak.Reason reason, String detail) {
        return new LedgerBreak(
                entry.threadId(),
                entry.sequence(),
                entry.threadSequence(),
                reason,
                "ledger entry " + entry.sequence() + " (thread " + entry.threadId() + ", #" + entry.threadSequence()
                        + ", " + entry.type() + "): " + detail);
    }
}
