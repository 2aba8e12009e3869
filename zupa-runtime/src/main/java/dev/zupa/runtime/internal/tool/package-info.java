/** Not API: how tools are described, their arguments read and checked, and their calls run. May change in any release. */
@NullMarked
package dev.zupa.runtime.internal.tool;

import org.jspecify.annotations.NullMarked;
