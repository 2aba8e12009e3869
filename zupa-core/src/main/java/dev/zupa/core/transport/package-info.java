/**
 * The transport port: how messages reach an agent (WhatsApp, the console, a test transport) and how replies leave.
 *
 * <p>A transport hands every inbound message to {@link dev.zupa.core.transport.TransportContext#deliver}, which
 * returns only once the message is durably stored; only then may the transport acknowledge it to its source (a
 * webhook's 200). Outbound messages carry the outbox id, which a transport that supports idempotency keys passes on.
 */
@NullMarked
package dev.zupa.core.transport;

import org.jspecify.annotations.NullMarked;
