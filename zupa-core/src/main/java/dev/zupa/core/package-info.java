/** Zupa's contracts: domain values, provider ports, the error taxonomy and the JSON codec. */
@NullMarked
package dev.zupa.core;

import org.jspecify.annotations.NullMarked;
