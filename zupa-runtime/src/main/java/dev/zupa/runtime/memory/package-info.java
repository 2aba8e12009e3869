/**
 * What an agent remembers within a session: the session's key-value store.
 */
@NullMarked
package dev.zupa.runtime.memory;

import org.jspecify.annotations.NullMarked;
