/** Not API: the engine's implementation. Anything here may change in any release. */
@NullMarked
package dev.zupa.engine.internal;

import org.jspecify.annotations.NullMarked;
