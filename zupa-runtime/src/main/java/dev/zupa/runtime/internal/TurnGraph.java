package dev.zupa.runtime.internal;

import dev.zupa.engine.Graph;
import dev.zupa.engine.NodeOptions;

/**
 * The graph of one turn, on the session's thread:
 *
 * <pre>
 * START → commands ─(command)→ finalize → END
 *            └→ content ─(silent voice notes)→ finalize → END
 *                  └→ context → model ─(tool calls)→ tools → model
 *                                └→ finalize → END
 * </pre>
 */
final class TurnGraph {
    static final String COMMANDS = "commands";
    static final String CONTENT = "content";
    static final String CONTEXT = "context";
    static final String MODEL = "model";
    static final String TOOLS = "tools";
    static final String FINALIZE = "finalize";

    private TurnGraph() {}

    static Graph build(TurnServices services) {
        var settings = services.settings;
        var builder = Graph.builder()
                .checkpointStore(settings.store())
                .clock(settings.clock())
                .ids(settings.ids())
                .codec(services.codec);
        TurnChannels.ALL.forEach(builder::channel);
        return builder.node(
                        COMMANDS,
                        new CommandsNode(services),
                        NodeOptions.defaults().destinations(CONTENT, FINALIZE))
                .node(CONTENT, new ContentNode(services), NodeOptions.defaults().destinations(CONTEXT, FINALIZE))
                .node(CONTEXT, new ContextNode(services))
                .node(MODEL, new ModelNode(services), NodeOptions.defaults().destinations(TOOLS, FINALIZE))
                .node(TOOLS, new ToolsNode(services))
                .node(FINALIZE, new FinalizeNode(services))
                .edge(Graph.START, COMMANDS)
                .edge(CONTEXT, MODEL)
                .edge(TOOLS, MODEL)
                .edge(FINALIZE, Graph.END)
                .build();
    }
}
