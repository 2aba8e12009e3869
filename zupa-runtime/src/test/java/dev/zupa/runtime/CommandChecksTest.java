package dev.zupa.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.runtime.command.Command;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandChecksTest {
    private static final String POINTER = "Send /help";

    record Order(@Positive int quantity, @NotBlank String item) {}

    private static String only(AgentHarness h) {
        assertThat(h.transport.sentTexts()).hasSize(1);
        return h.transport.sentTexts().get(0);
    }

    private static ReplyPreference preferenceOf(AgentHarness h, String address) {
        return h.directory
                .userFor(
                        "test",
                        address,
                        address,
                        () -> {
                            throw new AssertionError("no user " + address);
                        },
                        h.clock.instant())
                .preference();
    }

    @Test
    @DisplayName("check 28: /help lists /help and every built-in command with its description, in any case")
    void check28HelpListsCommands() {
        try (var h = new AgentHarness(AgentHarness::unused, b -> {})) {
            h.transport.receiveText("alice", "m1", "/HELP");
            h.idle();

            var help = only(h);
            assertThat(help.lines())
                    .contains(
                            "/help - list the commands",
                            "/reset - end this conversation and start a new one",
                            "/text - always answer me in text",
                            "/voice - always answer me with voice notes",
                            "/mirror - answer voice with voice and text with text",
                            "/dynamic - let the assistant choose text or voice");
            assertThat(h.requests).isEmpty();
        }
    }

    @Test
    @DisplayName("check 28: an unknown command gets a pointer to /help")
    void check28UnknownCommandPointsToHelp() {
        try (var h = new AgentHarness(AgentHarness::unused, b -> {})) {
            h.transport.receiveText("alice", "m1", "/frobnicate now");
            h.idle();

            assertThat(only(h)).contains("/frobnicate").contains(POINTER);
            assertThat(h.requests).isEmpty();
        }
    }

    @Test
    @DisplayName("check 28: a body that does not start with a slash is never a command")
    void check28NonSlashIsNotACommand() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "help /reset");
            h.idle();
            h.transport.receiveText("alice", "m2", "/");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("you said: help /reset", "you said: /");
            assertThat(h.requests).hasSize(2);
        }
    }

    @Test
    @DisplayName("check 29: /reset ends the session and the next message starts a new, empty one")
    void check29ResetStartsNewSession() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "one");
            h.idle();
            var first = h.sessionId();

            h.transport.receiveText("alice", "m2", "/reset");
            h.idle();
            assertThat(h.directory.session(new SessionId(first)).orElseThrow().active())
                    .isFalse();

            h.transport.receiveText("alice", "m3", "two");
            h.idle();

            assertThat(h.events(AgentEvent.SessionStarted.class)).hasSize(2);
            assertThat(h.sessionId()).isNotEqualTo(first);
            assertThat(h.requests).hasSize(2);
            assertThat(h.requests.get(1).messages()).hasSize(2); // system prompt and "two": nothing remembered
        }
    }

    @Test
    @DisplayName("check 29: /reset reports the session's end to listeners")
    void check29ResetReportsSessionEnded() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "one");
            h.idle();
            h.transport.receiveText("alice", "m2", "/reset");
            h.idle();

            assertThat(h.events(AgentEvent.SessionEnded.class))
                    .singleElement()
                    .satisfies(e -> assertThat(e.sessionId().value()).isEqualTo(h.sessionId()));
        }
    }

    @Test
    @DisplayName("check 29: /text, /voice, /mirror and /dynamic set the preference, and it holds on the next turn")
    void check29PreferenceCommandsPersist() {
        var tts = FakeTextToSpeech.speaking();
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.textToSpeech(tts))) {
            h.transport.receiveText("alice", "m1", "/voice");
            h.idle();
            assertThat(preferenceOf(h, "alice")).isEqualTo(ReplyPreference.VOICE);
            h.transport.receiveText("alice", "m2", "hello");
            h.idle();
            assertThat(h.transport.sent().get(1).content()).isInstanceOf(OutboundContent.Voice.class);

            h.transport.receiveText("alice", "m3", "/dynamic");
            h.idle();
            assertThat(preferenceOf(h, "alice")).isEqualTo(ReplyPreference.DYNAMIC);

            h.transport.receiveText("alice", "m4", "/mirror");
            h.idle();
            assertThat(preferenceOf(h, "alice")).isEqualTo(ReplyPreference.MIRROR);

            h.transport.receiveText("alice", "m5", "/Text");
            h.idle();
            assertThat(preferenceOf(h, "alice")).isEqualTo(ReplyPreference.TEXT);
            h.receiveVoice("alice", "m6");
            h.idle();
            assertThat(h.transport.sent().get(5).content()).isInstanceOf(OutboundContent.Text.class);
            // command replies are always text
            assertThat(h.transport.sent().get(0).content()).isInstanceOf(OutboundContent.Text.class);
        }
    }

    @Test
    @DisplayName("check 30: an application command overrides the built-in of the same name, in dispatch and /help")
    void check30CustomCommandOverridesBuiltIn() {
        try (var h = new AgentHarness(
                AgentHarness::unused,
                b -> b.command(Command.of("reset", "start over, our way", (a, c) -> "custom reset")))) {
            h.transport.receiveText("alice", "m1", "/reset");
            h.idle();
            h.transport.receiveText("alice", "m2", "/help");
            h.idle();

            assertThat(h.transport.sentTexts().get(0)).isEqualTo("custom reset");
            assertThat(h.directory
                            .session(new SessionId(h.sessionId()))
                            .orElseThrow()
                            .active())
                    .isTrue();
            assertThat(h.transport.sentTexts().get(1).lines())
                    .contains("/reset - start over, our way")
                    .doesNotContain("/reset - end this conversation and start a new one");
        }
    }

    @Test
    @DisplayName("check 30: a disabled command disappears from /help and from dispatch")
    void check30DisabledCommandIsGone() {
        try (var h = new AgentHarness(
                AgentHarness::unused, b -> b.command(Command.of("menu", "show the menu", (a, c) -> "menu"))
                        .disableCommand("voice")
                        .disableCommand("MENU"))) {
            h.transport.receiveText("alice", "m1", "/help");
            h.idle();
            h.transport.receiveText("alice", "m2", "/voice");
            h.idle();
            h.transport.receiveText("alice", "m3", "/menu");
            h.idle();

            var help = h.transport.sentTexts().get(0);
            assertThat(help).doesNotContain("/voice").doesNotContain("/menu").contains("/text");
            assertThat(h.transport.sentTexts().get(1)).contains(POINTER);
            assertThat(h.transport.sentTexts().get(2)).contains(POINTER);
            assertThat(preferenceOf(h, "alice")).isEqualTo(ReplyPreference.MIRROR);
        }
    }

    @Test
    @DisplayName("check 30: a command with arguments receives them parsed and validated, or a usage error")
    void check30CommandArgumentsAreParsedAndValidated() {
        var got = new AtomicReference<Order>();
        var order = Command.withArguments("order", "order something", Order.class, (args, context) -> {
            got.set(args);
            return "ordered " + args.quantity() + " x " + args.item();
        });
        try (var h = new AgentHarness(AgentHarness::unused, b -> b.command(order))) {
            h.transport.receiveText("alice", "m1", "/order 2 big burger");
            h.idle();
            assertThat(got.get()).isEqualTo(new Order(2, "big burger"));
            got.set(null);

            h.transport.receiveText("alice", "m2", "/order");
            h.idle();
            h.transport.receiveText("alice", "m3", "/order two burgers");
            h.idle();
            h.transport.receiveText("alice", "m4", "/order 0 burgers");
            h.idle();
            h.transport.receiveText("alice", "m5", "/help");
            h.idle();

            var sent = h.transport.sentTexts();
            assertThat(sent.get(0)).isEqualTo("ordered 2 x big burger");
            assertThat(sent.get(1)).isEqualTo("Usage: /order <quantity> <item>");
            assertThat(sent.get(2))
                    .startsWith("Usage: /order <quantity> <item> (")
                    .contains("quantity");
            assertThat(sent.get(3))
                    .startsWith("Usage: /order <quantity> <item> (")
                    .contains("quantity");
            assertThat(sent.get(4).lines()).contains("/order <quantity> <item> - order something");
            assertThat(got.get()).isNull();
        }
    }

    @Test
    @DisplayName("check 31: a command turn makes no model call and leaves no trace in working memory")
    void check31CommandTurnMakesNoModelCall() {
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.command(Command.of("ping", "answers pong", (a, c) -> "pong")))) {
            h.transport.receiveText("alice", "m1", "/ping");
            h.idle();
            h.transport.receiveText("alice", "m2", "/help");
            h.idle();
            h.transport.receiveText("alice", "m3", "/text");
            h.idle();
            assertThat(h.requests).isEmpty();

            h.transport.receiveText("alice", "m4", "hello");
            h.idle();
            assertThat(h.requests).singleElement().satisfies(r -> assertThat(r.messages())
                    .hasSize(2));
        }
    }
}
