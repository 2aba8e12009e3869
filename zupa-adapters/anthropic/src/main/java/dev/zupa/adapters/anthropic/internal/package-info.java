/**
 * Not API: the JSON mapping, the event-stream reader and the error mapping of the Anthropic adapter. Anything here
 * may change without notice.
 */
@NullMarked
package dev.zupa.adapters.anthropic.internal;

import org.jspecify.annotations.NullMarked;
