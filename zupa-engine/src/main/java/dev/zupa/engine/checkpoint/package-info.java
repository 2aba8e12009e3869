/**
 * The checkpoint SPI: what a graph stores after each super-step and how a store gives it back. Implement
 * {@link dev.zupa.engine.checkpoint.CheckpointStore} to add a store; pass the testkit's contract suite to prove it.
 */
@NullMarked
package dev.zupa.engine.checkpoint;

import org.jspecify.annotations.NullMarked;
