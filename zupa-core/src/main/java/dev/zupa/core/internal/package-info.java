/** Not API: implementation details of zupa-core. */
@NullMarked
package dev.zupa.core.internal;

import org.jspecify.annotations.NullMarked;
