/**
 * A terminal dashboard for a running agent: {@link dev.zupa.examples.dashboard.ZupaDashboard} polls the runtime's
 * management API ({@link dev.zupa.runtime.management.ManagementServer}) every second and shows active sessions, turns
 * per second, latency percentiles per stage, error rates, circuit breakers, the transport's login state and whether
 * the agent is paused; {@link dev.zupa.examples.dashboard.DashboardDemo} opens it on the burger shop under a scripted
 * load. See {@code docs/operations.md}.
 */
@NullMarked
package dev.zupa.examples.dashboard;

import org.jspecify.annotations.NullMarked;
