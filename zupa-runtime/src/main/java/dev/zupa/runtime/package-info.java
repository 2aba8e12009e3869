/**
 * The conversational runtime: router, dedup gate, sessions and agent turns on top of the engine. Being built; this
 * module has no public types yet.
 */
@NullMarked
package dev.zupa.runtime;

import org.jspecify.annotations.NullMarked;
