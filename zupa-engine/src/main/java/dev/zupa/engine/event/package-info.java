/** The events a run emits: steps, tasks, writes, custom events, interrupts. */
@NullMarked
package dev.zupa.engine.event;

import org.jspecify.annotations.NullMarked;
