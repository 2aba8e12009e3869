/** The error taxonomy of provider calls: transient or terminal, with the vendor's details. */
@NullMarked
package dev.zupa.core.provider;

import org.jspecify.annotations.NullMarked;
