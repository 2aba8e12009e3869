package dev.zupa.examples.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.runtime.Agent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ConsoleDemoTest {
    private static final ScriptedChatModel ECHO = ScriptedChatModel.builder()
            .rule(Rule.always().reply("you said: {user}"))
            .build();

    @TempDir
    Path dir;

    @Test
    void answersEachLineBeforeReadingTheNext() throws Exception {
        var out = new ByteArrayOutputStream();

        int status = demo("one\ntwo\n\nthree\n", out).run(transport -> Agent.builder()
                .name("echo")
                .instructions("Echo {{user.name}}.")
                .chatModel(ECHO)
                .transport(transport)
                .dataFile(dir.resolve("echo.db"))
                .build());

        assertThat(status).isZero();
        // piped at once, the lines would be answered as one double-texted turn; paced, each gets its own reply
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "Hello.",
                        "> one",
                        "echo: you said: one",
                        "> two",
                        "echo: you said: two",
                        "> three",
                        "echo: you said: three");
    }

    @Test
    void usesTheOfflineModelWithoutAKeyAndOpenAiWithOne() {
        assertThat(ConsoleDemo.chatModel(ECHO, Map.of())).isSameAs(ECHO);
        assertThat(ConsoleDemo.chatModel(ECHO, Map.of("OPENAI_API_KEY", " "))).isSameAs(ECHO);
        // the key given, not the process's environment, configures the model (no network call is made)
        assertThat(ConsoleDemo.chatModel(ECHO, Map.of("OPENAI_API_KEY", "sk-test")))
                .isInstanceOf(dev.zupa.adapters.openai.OpenAiChatModel.class);
    }

    @Test
    void rejectsATimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> ConsoleDemo.builder().replyTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replyTimeout must be positive, was PT0S");
    }

    private ConsoleDemo demo(String input, ByteArrayOutputStream out) {
        return ConsoleDemo.builder()
                .agentName("echo")
                .banner("Hello.")
                .input(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .output(new PrintStream(out, true, StandardCharsets.UTF_8))
                .echoInput(true)
                .userName("Ana")
                .voiceDirectory(dir.resolve("voice"))
                .replyTimeout(Duration.ofSeconds(20))
                .build();
    }
}
