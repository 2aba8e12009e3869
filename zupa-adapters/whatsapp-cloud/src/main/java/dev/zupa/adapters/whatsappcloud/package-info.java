/**
 * A {@link dev.zupa.core.transport.Transport} over Meta's WhatsApp Cloud API:
 * {@link dev.zupa.adapters.whatsappcloud.WhatsAppCloudTransport} receives signed webhooks (through a
 * {@link dev.zupa.adapters.whatsappcloud.WebhookHandler} mounted in any HTTP server, or its own listener) and sends
 * replies, voice notes and templates through the Graph API. The {@code whatsapp-cloud} provider factory creates one
 * from settings and environment variables.
 */
@NullMarked
package dev.zupa.adapters.whatsappcloud;

import org.jspecify.annotations.NullMarked;
