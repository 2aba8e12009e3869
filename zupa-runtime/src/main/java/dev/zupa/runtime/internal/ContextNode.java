package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.User;
import dev.zupa.engine.Node;
import dev.zupa.engine.NodeContext;
import dev.zupa.runtime.memory.SessionValues;
import dev.zupa.runtime.prompt.PromptContext;
import java.util.List;
import java.util.Map;

/** Assembles the turn's context (recent session summaries, the application's variables) and renders the prompt. */
final class ContextNode implements Node {
    private static final int SUMMARIES = 3;

    private final TurnServices services;

    ContextNode(TurnServices services) {
        this.services = services;
    }

    @Override
    public void run(NodeContext ctx) throws Exception {
        var turn = TurnServices.turn(ctx);
        var settings = services.settings;
        var summaries = settings.directory().endedSessions(turn.user().id(), SUMMARIES).stream()
                .flatMap(s -> s.summary().stream())
                .toList();
        var values = services.values(ctx);
        var base = new Context(turn.user(), turn.session(), settings.language(), values, summaries, Map.of());
        var variables =
                settings.context().isPresent() ? settings.context().get().variables(base) : Map.<String, Object>of();
        var prompt = settings.prompt()
                .render(new Context(turn.user(), turn.session(), settings.language(), values, summaries, variables));
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalStateException("the prompt template rendered an empty system prompt");
        }
        ctx.write(TurnChannels.SYSTEM_PROMPT, prompt);
    }

    private record Context(
            User user,
            Session session,
            String language,
            SessionValues values,
            List<String> recentSummaries,
            Map<String, Object> variables)
            implements PromptContext {}
}
