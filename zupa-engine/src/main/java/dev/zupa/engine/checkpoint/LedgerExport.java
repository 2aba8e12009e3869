package dev.zupa.engine.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes ledger entries as JSON Lines: one JSON object per entry, each on its own line ending in {@code \n}, in
 * sequence (commit) order. The same entries always give the same bytes, whichever store holds them.
 *
 * <p>Every object has these fields, in this order; absent values are {@code null}:
 *
 * <pre>{@code
 * {"threadId":"s-1","namespace":"","threadSequence":1,"checkpointId":null,"type":"inbound.received",
 *  "key":"m-1","node":null,"correlationId":"c-1","subject":"u-1","recordedAt":"2025-03-04T05:06:07.123Z",
 *  "payload":{"text":"hi"},"previousHash":"000…000","hash":"5f0c…"}
 * }</pre>
 *
 * <ul>
 *   <li>{@code recordedAt} is ISO-8601 in UTC ({@link java.time.Instant#toString()}: as many fraction digits as
 *       needed, none when the fraction is zero).
 *   <li>{@code payload} is the stored JSON text embedded as it is, so that {@link LedgerChain} can recompute the hash
 *       from the export; line breaks in it (only possible as whitespace between tokens) become spaces. A payload that
 *       is not valid JSON, which Zupa itself never writes, is embedded as a JSON string.
 *   <li>The store-wide sequence is not exported: it is the store's own numbering. An entry is identified by
 *       {@code threadId} and {@code threadSequence}.
 * </ul>
 *
 * <p>Thread-safe: it has no state.
 *
 * @since 0.1
 */
public final class LedgerExport {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private LedgerExport() {}

    /**
     * Writes every entry a query selects, reading it page by page ({@link LedgerQuery#limit()} entries per read).
     * Does not close the writer.
     *
     * @param store the store; never null
     * @param query the filters; its limit is the page size; never null
     * @param out where to write; never null
     * @return how many entries were written
     * @throws UncheckedIOException when writing fails
     * @throws CheckpointStoreException when reading fails
     */
    public static long write(CheckpointStore store, LedgerQuery query, Writer out) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(out, "out");
        long written = 0;
        var page = store.ledger(query);
        try {
            while (!page.isEmpty()) {
                for (var entry : page) {
                    out.write(line(entry));
                    out.write('\n');
                }
                written += page.size();
                if (page.size() < query.limit()) {
                    break;
                }
                page = store.ledger(query.after(page.getLast().sequence()));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger export: " + e.getMessage(), e);
        }
        return written;
    }

    /**
     * Writes every entry a query selects as UTF-8, as {@link #write(CheckpointStore, LedgerQuery, Writer)} does. Does
     * not close the stream.
     *
     * @param store the store; never null
     * @param query the filters; its limit is the page size; never null
     * @param out where to write; never null
     * @return how many entries were written
     * @throws UncheckedIOException when writing fails
     * @throws CheckpointStoreException when reading fails
     */
    public static long write(CheckpointStore store, LedgerQuery query, OutputStream out) {
        Objects.requireNonNull(out, "out");
        return write(store, query, new BufferedWriter(new OutputStreamWriter(out, UTF_8)));
    }

    /**
     * One entry as its JSON object, without the line break.
     *
     * @param entry the entry; never null
     * @return the JSON text; never null
     */
    public static String line(LedgerEntry entry) {
        Objects.requireNonNull(entry, "entry");
        var text = new StringWriter();
        var write = entry.write();
        try (var json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("threadId", entry.threadId().value());
            json.writeStringField("namespace", entry.namespace());
            json.writeNumberField("threadSequence", entry.threadSequence());
            optional(json, "checkpointId", entry.checkpointId().map(CheckpointId::value));
            json.writeStringField("type", write.type());
            optional(json, "key", write.key());
            optional(json, "node", write.node());
            optional(json, "correlationId", write.correlationId());
            optional(json, "subject", write.subject());
            json.writeStringField("recordedAt", write.recordedAt().toString());
            json.writeFieldName("payload");
            if (isJson(write.payload())) {
                json.writeRawValue(write.payload().replace('\n', ' ').replace('\r', ' '));
            } else {
                json.writeString(write.payload());
            }
            json.writeStringField("previousHash", entry.previousHash());
            json.writeStringField("hash", entry.hash());
            json.writeEndObject();
        } catch (IOException e) {
            // a StringWriter does not fail
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void optional(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        } else {
            json.writeNullField(name);
        }
    }

    /** Whether the text is exactly one JSON value, so that it can be embedded without changing what it says. */
    private static boolean isJson(String text) {
        try (var parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
