/** Not API: the schema and parsing of structured replies. Anything here may change in any release. */
@NullMarked
package dev.zupa.runtime.internal.reply;

import org.jspecify.annotations.NullMarked;
