/**
 * A {@link dev.zupa.core.transport.Transport} for WhatsApp through whatsapp-web.js:
 * {@link dev.zupa.adapters.whatsappweb.WhatsAppWebTransport} runs a small Node.js sidecar, shipped in this jar, that
 * drives WhatsApp Web in a headless Chromium and talks to the JVM in line-delimited JSON; it supervises that process
 * and restarts it when it dies or hangs. {@link dev.zupa.adapters.whatsappweb.QrCodes} renders the login QR code for
 * a terminal or as a PNG image, and the {@code whatsapp-web} provider factory creates the transport from settings.
 * Unofficial: WhatsApp does not allow unofficial clients.
 */
@NullMarked
package dev.zupa.adapters.whatsappweb;

import org.jspecify.annotations.NullMarked;
