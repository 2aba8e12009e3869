package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.message.Message;
import dev.zupa.engine.Graph;
import dev.zupa.engine.ThreadId;
import dev.zupa.runtime.AgentEvent;
import java.time.Instant;
import java.util.List;

/**
 * Ends sessions, the one way for every cause (idle, {@code /reset}, the model's choice): the summary is made from the
 * session's working memory, the directory closes the session, and listeners hear of it once.
 */
final class SessionEnds {
    /** The reason given to the summarizer for a {@code /reset}. */
    static final String RESET = "reset";

    /** The reason given to the summarizer when the model ended the session. */
    static final String BY_AGENT = "ended by the agent";

    private final AgentSettings settings;
    private final Graph graph;
    private final Events events;

    SessionEnds(AgentSettings settings, Graph graph, Events events) {
        this.settings = settings;
        this.graph = graph;
        this.events = events;
    }

    /** Ends the session with this id, when it is still open. */
    void end(SessionId id, String reason) {
        settings.directory()
                .session(id)
                .ifPresent(session -> end(session, reason, settings.clock().instant()));
    }

    /** Ends the session when it is still open; returns whether this call ended it. */
    boolean end(Session session, String reason, Instant at) {
        if (session.endedAt().isPresent()) {
            return false;
        }
        var summary = settings.summarizer().summarize(session, memory(session.id()), reason);
        if (!settings.directory().endSession(session.id(), at, summary)) {
            return false;
        }
        events.emit(new AgentEvent.SessionEnded(at, session.id(), summary));
        return true;
    }

    private List<Message> memory(SessionId id) {
        return graph.state(ThreadId.of(id.value()))
                .flatMap(s -> s.values().find(TurnChannels.MEMORY))
                .orElse(List.of());
    }
}
