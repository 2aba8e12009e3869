/** Conversation messages and the updates that merge them by id. */
@NullMarked
package dev.zupa.core.message;

import org.jspecify.annotations.NullMarked;
