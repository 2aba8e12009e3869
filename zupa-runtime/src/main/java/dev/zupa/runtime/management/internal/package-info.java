/**
 * The management API's implementation: the in-flight turn table, the ledger reading behind the SLA report, the HTTP
 * routes, the event feed and the dashboard. Not API.
 */
@NullMarked
package dev.zupa.runtime.management.internal;

import org.jspecify.annotations.NullMarked;
