package dev.zupa.engine.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.zupa.engine.ThreadId;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger's hash chain: how a store computes {@link LedgerEntry#hash()}. For store implementors and auditors who
 * check an export by hand; users call {@link CheckpointStore#verifyLedger(ThreadId)}.
 *
 * <p>The hash is the SHA-256, as 64 lowercase hex digits, of a canonical encoding of the entry. The encoding is a
 * sequence of fields, each a one-byte tag followed by its value:
 *
 * <ul>
 *   <li>text: {@code 'S'} (0x53), the length of its UTF-8 bytes as a 4-byte big-endian integer, then the bytes;
 *   <li>an absent optional value: {@code 'N'} (0x4E) alone;
 *   <li>an integer: {@code 'I'} (0x49), then 8 bytes, big-endian two's complement.
 * </ul>
 *
 * <p>The fields, in this order: the text {@value #FORMAT}; thread id; namespace; thread sequence; checkpoint id
 * (optional); type; key (optional); payload (the stored JSON text, byte for byte); node (optional); correlation id
 * (optional); subject (optional); recorded-at as epoch seconds and then its nanosecond of the second (two integers);
 * the previous hash (as text). The store-wide {@link LedgerEntry#sequence()} is not covered: it is the store's own
 * numbering, and the thread sequence already fixes the entry's place in its chain.
 *
 * <p>A thread's first entry chains to {@link #GENESIS}. The format never changes; a new one would get a new
 * {@value #FORMAT} text.
 *
 * <p>Thread-safe: it has no state.
 *
 * @since 0.1
 */
public final class LedgerChain {
    /** The previous hash of a thread's first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** The text that starts every encoded entry, naming the format. */
    public static final String FORMAT = "zupa.ledger/1";

    private static final HexFormat HEX = HexFormat.of();

    private LedgerChain() {}

    /**
     * The hash of an entry about to be stored.
     *
     * @param threadId the thread; never null
     * @param namespace the namespace; never null
     * @param threadSequence the entry's number within its thread; positive
     * @param checkpointId the checkpoint it is stored with, if any; never null
     * @param write what is recorded; never null
     * @param previousHash the hash of the thread's entry before, or {@link #GENESIS}; never null
     * @return 64 lowercase hex digits; never null
     */
    public static String hash(
            ThreadId threadId,
            String namespace,
            long threadSequence,
            Optional<CheckpointId> checkpointId,
            LedgerWrite write,
            String previousHash) {
        Objects.requireNonNull(write, "write");
        var out = new ByteArrayOutputStream(256 + write.payload().length());
        text(out, FORMAT);
        text(out, threadId.value());
        text(out, namespace);
        integer(out, threadSequence);
        optional(out, checkpointId.map(CheckpointId::value));
        text(out, write.type());
        optional(out, write.key());
        text(out, write.payload());
        optional(out, write.node());
        optional(out, write.correlationId());
        optional(out, write.subject());
        integer(out, write.recordedAt().getEpochSecond());
        integer(out, write.recordedAt().getNano());
        text(out, previousHash);
        return HEX.formatHex(sha256().digest(out.toByteArray()));
    }

    /**
     * The hash a stored entry should have, computed from its fields and its own {@link LedgerEntry#previousHash()}.
     *
     * @param entry the entry; never null
     * @return 64 lowercase hex digits; never null
     */
    public static String hash(LedgerEntry entry) {
        return hash(
                entry.threadId(),
                entry.namespace(),
                entry.threadSequence(),
                entry.checkpointId(),
                entry.write(),
                entry.previousHash());
    }

    private static void text(ByteArrayOutputStream out, String value) {
        var bytes = value.getBytes(UTF_8);
        out.write('S');
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static void optional(ByteArrayOutputStream out, Optional<String> value) {
        if (value.isPresent()) {
            text(out, value.get());
        } else {
            out.write('N');
        }
    }

    private static void integer(ByteArrayOutputStream out, long value) {
        out.write('I');
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 (MessageDigest's javadoc)
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
