/** The JSON codec every persisted Zupa format goes through. */
@NullMarked
package dev.zupa.core.json;

import org.jspecify.annotations.NullMarked;
