/**
 * The durable Pregel/BSP graph engine: build a {@link dev.zupa.engine.Graph}, run it on a thread, resume it after a
 * crash or an interrupt, read and fork its history.
 */
@NullMarked
package dev.zupa.engine;

import org.jspecify.annotations.NullMarked;
