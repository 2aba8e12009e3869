package dev.zupa.engine.checkpoint;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link CheckpointStore#verifyLedger(dev.zupa.engine.ThreadId)}: the chain holds, or the first place
 * where it does not.
 *
 * @param threads how many threads were checked (those with at least one entry)
 * @param entries how many entries were checked, up to and including a broken one
 * @param firstBreak the first broken entry, in commit order; empty when the chain holds; never null
 * @since 0.1
 */
public record LedgerVerification(long threads, long entries, Optional<LedgerBreak> firstBreak) {

    /** Validates the outcome. */
    public LedgerVerification {
        Objects.requireNonNull(firstBreak, "firstBreak");
        if (threads < 0 || entries < 0) {
            throw new IllegalArgumentException("counts must not be negative, got " + threads + " and " + entries);
        }
    }

    /**
     * Whether every checked chain holds.
     *
     * @return true when no entry is broken
     */
    public boolean ok() {
        return firstBreak.isEmpty();
    }
}
