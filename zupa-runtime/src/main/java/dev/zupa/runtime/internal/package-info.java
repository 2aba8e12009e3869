/**
 * The runtime's implementation: intake, router, session lanes, the turn graph, the outbox. Not API.
 */
@NullMarked
package dev.zupa.runtime.internal;

import org.jspecify.annotations.NullMarked;
