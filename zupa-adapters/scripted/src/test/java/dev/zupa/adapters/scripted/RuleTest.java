package dev.zupa.adapters.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTest {
    @Test
    void rejectsPlaceholderForMissingGroup() {
        assertThatThrownBy(() -> Rule.userMatches("add (\\d+)").reply("{2} items"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template '{2} items' refers to group {2}, but the pattern 'add (\\d+)' has 1 groups");
    }

    @Test
    void rejectsUnknownPlaceholder() {
        assertThatThrownBy(() -> Rule.always().reply("Hi {name}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown placeholder {name}");
    }

    @Test
    void acceptsNamedGroupsAndLeavesJsonBracesAlone() {
        var rule = Rule.userMatches("(?<name>\\w+)").callTool("greet", "{\"name\": \"{name}\", \"extra\": {}}");

        assertThat(rule.toString()).startsWith("userMatches[(?<name>\\w+)] -> callTool greet");
    }

    @Test
    void rejectsToolArgumentsTemplateThatIsNotAnObject() {
        assertThatThrownBy(() -> Rule.always().callTool("menu", "\"{user}\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the arguments of tool 'menu' must be a JSON object, were '\"{user}\"'");
        assertThatThrownBy(() -> Rule.always().replyJson("{\"a\": 1} trailing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void rejectsEmptyOrBlankWords() {
        assertThatThrownBy(() -> Rule.userSays())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("userSays needs at least one word");
        assertThatThrownBy(() -> Rule.userSays("hi", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> Rule.toolResult(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("toolName must not be blank");
    }

    @Test
    void matchGivesGroupsAndRejectsMissingOnes() {
        var request = ChatRequest.builder().message(Message.user("x")).build();
        var match = new Match(request, List.of("all", "one"), Map.of("n", "one"));

        assertThat(match.group(1)).isEqualTo("one");
        assertThat(match.group("n")).isEqualTo("one");
        assertThat(match.userText()).isEqualTo("x");
        assertThat(match.lastToolResult()).isEmpty();
        assertThatThrownBy(() -> match.group(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group index must be from 0 to 1, was 2");
        assertThatThrownBy(() -> match.group("m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no group is named 'm'");
    }
}
