package dev.zupa.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.anthropic.AnthropicChatModel;
import dev.zupa.adapters.openai.OpenAiChatModel;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.examples.burgers.BurgerShop;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.testkit.RecordingTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real conversation turn with tools against a vendor's API. Opt-in: each test runs only when its key is in the
 * environment, so the suite never reaches the network by default.
 */
class LiveConversationTest {
    @TempDir
    Path dir;

    @Test
    @EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
    @DisplayName("live: OpenAI looks up the menu with a tool and answers")
    void openAi() throws InterruptedException {
        turnWithTools(OpenAiChatModel.builder()
                .apiKey(System.getenv("OPENAI_API_KEY"))
                .build());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "ANTHROPIC_API_KEY", matches = ".+")
    @DisplayName("live: Anthropic looks up the menu with a tool and answers")
    void anthropic() throws InterruptedException {
        turnWithTools(AnthropicChatModel.builder()
                .apiKey(System.getenv("ANTHROPIC_API_KEY"))
                .build());
    }

    private void turnWithTools(ChatModel model) throws InterruptedException {
        var transport = RecordingTransport.create();
        var sessions = new CopyOnWriteArrayList<String>();
        try (var agent = BurgerShop.builder(transport, model, dir.resolve("live.db"))
                .listener(event -> {
                    if (event instanceof AgentEvent.SessionStarted started) {
                        sessions.add(started.sessionId().value());
                    }
                })
                .build()) {
            agent.start();
            transport.receiveText("live-user", "live-1", "Is the veggie burger on the menu, and what does it cost?");
            assertThat(agent.awaitIdle(Duration.ofMinutes(2))).isTrue();

            assertThat(transport.sentTexts()).singleElement().asString().isNotBlank();
            List<LedgerEntry> ledger = agent.store().ledger(LedgerQuery.thread(ThreadId.of(sessions.get(0)), 200));
            assertThat(ledger).extracting(LedgerEntry::type).contains("model.call", "tool.call", "turn.completed");
        }
    }
}
