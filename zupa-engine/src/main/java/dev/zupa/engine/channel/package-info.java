/** Typed state channels and the reducers that merge a super-step's writes into them. */
@NullMarked
package dev.zupa.engine.channel;

import org.jspecify.annotations.NullMarked;
