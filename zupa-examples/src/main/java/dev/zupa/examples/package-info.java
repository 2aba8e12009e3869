/**
 * Runnable Zupa programs, each with a {@code main} and a smoke test. Start with
 * {@link dev.zupa.examples.engine.ResumableCountdownDemo}.
 */
@NullMarked
package dev.zupa.examples;

import org.jspecify.annotations.NullMarked;
