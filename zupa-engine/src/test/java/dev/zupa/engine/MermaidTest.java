package dev.zupa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MermaidTest {
    private static final Node NOOP = ctx -> {};

    private static Graph graph() {
        return Graph.builder()
                .node("plan", NOOP)
                .node("act", NOOP)
                .node("review", NOOP, NodeOptions.defaults().destinations("plan"))
                .node("report", NOOP)
                .edge(Graph.START, "plan")
                .edge("plan", "act")
                .conditionalEdge("act", s -> "review", List.of("review", "report"))
                .edge("review", "report")
                .edge("report", Graph.END)
                .interruptBefore("report")
                .build();
    }

    /** The Mermaid id of a node's box, read back from its declaration line. */
    private static String idOf(String mermaid, String node) {
        var matcher = Pattern.compile("(\\S+)\\[\"" + node + "\"]").matcher(mermaid);
        assertThat(matcher.find()).as("box for %s", node).isTrue();
        return matcher.group(1);
    }

    @Test
    void containsEveryNodeAndEdge() {
        var mermaid = graph().toMermaid();

        assertThat(mermaid).startsWith("flowchart TD\n").contains("start([start])", "end([end])");
        for (var node : List.of("plan", "act", "review", "report")) {
            assertThat(mermaid).contains("[\"" + node + "\"]");
        }
        var plan = idOf(mermaid, "plan");
        var act = idOf(mermaid, "act");
        var review = idOf(mermaid, "review");
        var report = idOf(mermaid, "report");
        assertThat(mermaid)
                .contains(
                        "start --> " + plan,
                        plan + " --> " + act,
                        review + " --> " + report,
                        report + " --> end",
                        "%% interrupt before report");
    }

    @Test
    void drawsConditionalEdgesAndCommandsDashed() {
        var mermaid = graph().toMermaid();
        var act = idOf(mermaid, "act");
        var review = idOf(mermaid, "review");

        assertThat(mermaid)
                .contains(act + " -.-> " + review, act + " -.-> " + idOf(mermaid, "report"))
                .contains(review + " -. command .-> " + idOf(mermaid, "plan"))
                .doesNotContain(act + " --> ");
    }

    @Test
    void keepsNamesThatDifferOnlyInPunctuationApart() {
        var mermaid = Graph.builder()
                .node("a-b", NOOP)
                .node("a_b", NOOP)
                .edge(Graph.START, "a-b")
                .edge("a-b", "a_b")
                .edge("a_b", Graph.END)
                .build()
                .toMermaid();

        assertThat(idOf(mermaid, "a-b")).isNotEqualTo(idOf(mermaid, "a_b"));
    }
}
