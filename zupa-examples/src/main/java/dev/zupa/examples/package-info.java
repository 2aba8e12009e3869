/**
 * Runnable Zupa programs, each with a {@code main} and a smoke test. Start with
 * {@link dev.zupa.examples.burgers.BurgerShopDemo}, an ordering assistant on the console; the English tutor is in
 * {@link dev.zupa.examples.tutor}, and {@link dev.zupa.examples.engine.ResumableCountdownDemo} shows the engine
 * alone.
 */
@NullMarked
package dev.zupa.examples;

import org.jspecify.annotations.NullMarked;
