/** What store adapters implement to be found by name. */
@NullMarked
package dev.zupa.engine.spi;

import org.jspecify.annotations.NullMarked;
