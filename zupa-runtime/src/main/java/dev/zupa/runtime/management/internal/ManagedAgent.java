package dev.zupa.runtime.management.internal;

import dev.zupa.runtime.Agent;
import dev.zupa.runtime.management.AgentMetrics;

/** An agent the management server serves, with what the server observes of it. */
public record ManagedAgent(Agent agent, AgentMetrics metrics, TransportStatus transport) {

    /** The agent's name. */
    public String name() {
        return agent.name();
    }

    /** Ready to take messages: its transport reported it is ready (so it was started) and it is not paused. */
    public boolean ready() {
        return transport.state() == TransportStatus.State.READY && !agent.paused();
    }
}
