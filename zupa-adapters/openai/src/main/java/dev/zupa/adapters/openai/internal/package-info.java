/**
 * Not API: the shared connection and settings, the JSON and multipart mapping, the server-sent-events decoder and the
 * error mapping of the OpenAI adapter. Anything here may change without notice.
 */
@NullMarked
package dev.zupa.adapters.openai.internal;

import org.jspecify.annotations.NullMarked;
