/**
 * Not API: the webhook signature check, payload mapping, Graph API client, error mapping and standalone listener of
 * the WhatsApp Cloud API transport. Anything here may change without notice.
 */
@NullMarked
package dev.zupa.adapters.whatsappcloud.internal;

import org.jspecify.annotations.NullMarked;
