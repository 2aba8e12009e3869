/** What adapter authors implement: provider factories found through {@link java.util.ServiceLoader}. */
@NullMarked
package dev.zupa.core.spi;

import org.jspecify.annotations.NullMarked;
