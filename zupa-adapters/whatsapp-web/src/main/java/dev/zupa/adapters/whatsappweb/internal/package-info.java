/**
 * Not API: the sidecar protocol (events, commands, JSON codec), the supervisor that starts, watches and restarts the
 * Node process, and the mapping of WhatsApp Web messages to Zupa's inbound messages. Anything here may change without
 * notice.
 */
@NullMarked
package dev.zupa.adapters.whatsappweb.internal;

import org.jspecify.annotations.NullMarked;
