/**
 * Operating an agent: {@link dev.zupa.runtime.management.AgentMetrics} publishes its events as Micrometer meters,
 * {@link dev.zupa.runtime.management.SlaReport} measures a {@link dev.zupa.runtime.management.Slo} from the ledger
 * (so it survives restarts), and {@link dev.zupa.runtime.management.ManagementServer} serves health, readiness,
 * sessions, the ledger, metrics, the SLA report, live events and a dashboard over a token-protected HTTP API. See
 * {@code docs/operations.md}.
 */
@NullMarked
package dev.zupa.runtime.management;

import org.jspecify.annotations.NullMarked;
