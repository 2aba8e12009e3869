package dev.zupa.engine.internal;

import dev.zupa.engine.Graph;
import java.util.List;

/** Draws a graph definition as Mermaid flowchart text. */
public final class Mermaid {
    private Mermaid() {}

    public static String render(GraphDefinition definition) {
        var out = new StringBuilder("flowchart TD\n");
        out.append("    ").append(id(Graph.START)).append("([start])\n");
        for (var node : definition.nodes().keySet()) {
            out.append("    ")
                    .append(id(node))
                    .append("[\"")
                    .append(node.replace("\"", "#quot;"))
                    .append("\"]\n");
        }
        out.append("    ").append(id(Graph.END)).append("([end])\n");
        definition.edges().forEach((from, targets) -> {
            for (var to : targets) {
                out.append("    ")
                        .append(id(from))
                        .append(" --> ")
                        .append(id(to))
                        .append('\n');
            }
        });
        definition.conditionalEdges().forEach((from, edges) -> {
            for (var edge : edges) {
                for (var to : edge.targets().stream().sorted().toList()) {
                    out.append("    ")
                            .append(id(from))
                            .append(" -.-> ")
                            .append(id(to))
                            .append('\n');
                }
            }
        });
        definition.nodes().values().forEach(spec -> {
            for (var to : spec.options().destinations().stream().sorted().toList()) {
                out.append("    ")
                        .append(id(spec.name()))
                        .append(" -. command .-> ")
                        .append(id(to))
                        .append('\n');
            }
        });
        for (var node : List.copyOf(definition.interruptBefore())) {
            out.append("    %% interrupt before ").append(node).append('\n');
        }
        for (var node : List.copyOf(definition.interruptAfter())) {
            out.append("    %% interrupt after ").append(node).append('\n');
        }
        return out.toString();
    }

    private static String id(String node) {
        if (node.equals(Graph.START)) {
            return "start";
        }
        if (node.equals(Graph.END)) {
            return "end";
        }
        var text = new StringBuilder("n_");
        for (char c : node.toCharArray()) {
            text.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        // names that differ only in punctuation must not merge into one box
        return text.append('_').append(Integer.toHexString(node.hashCode())).toString();
    }
}
