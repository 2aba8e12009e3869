/**
 * Engine examples: a raw graph on a SQLite checkpoint store that survives being killed and resumes where it stopped.
 */
@NullMarked
package dev.zupa.examples.engine;

import org.jspecify.annotations.NullMarked;
