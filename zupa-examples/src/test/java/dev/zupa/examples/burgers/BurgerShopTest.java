package dev.zupa.examples.burgers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.examples.offline.FakeAudio;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.testkit.RecordingTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BurgerShopTest {
    private static final String ANA = "+15550001";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<BurgerReply> replies = new CopyOnWriteArrayList<>();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private RecordingTransport transport = RecordingTransport.create();
    private Agent agent;
    private int ids;

    @BeforeEach
    void openTheShop() {
        agent = start(transport);
    }

    @AfterEach
    void close() {
        agent.close();
    }

    @Test
    void takesAnOrderFromTheMenuToItsConfirmation() {
        assertThat(say("hi")).startsWith("Welcome to Zupa Burgers!");
        assertThat(say("menu"))
                .startsWith("Here is our menu:")
                .contains("- Cheeseburger, $7.00 (beef patty, double cheddar, pickles)")
                .contains("Classic Burger", "Veggie Burger", "Fries", "Milkshake");
        assertThat(say("add 2 cheeseburger"))
                .startsWith("Added 2 x Cheeseburger. Your order: 2 x Cheeseburger; total $14.00.");
        assertThat(say("I want 2 classic burgers please"))
                .startsWith(
                        "Added 2 x Classic Burger. Your order: 2 x Cheeseburger, 2 x Classic Burger; total $27.00.");
        // the command reads the session values the tool wrote, without the model
        assertThat(say("/order")).isEqualTo("Your order: 2 x Cheeseburger, 2 x Classic Burger; total $27.00.");

        var confirmation = say("confirm");

        var session = sessionsStarted().get(0);
        var number = Order.numberFor(session.sessionId().value());
        assertThat(number).matches("B-\\d{4}");
        assertThat(confirmation)
                .isEqualTo("Thank you! Order " + number
                        + " confirmed: 2 x Cheeseburger, 2 x Classic Burger; total $27.00. Ready in about 15 minutes.");
        assertThat(replies).extracting(BurgerReply::orderConfirmed).containsExactly(false, false, false, false, true);
        // the confirmation ends the session: the next message starts a new one, with a new, empty order
        assertThat(replies).extracting(BurgerReply::sessionEnded).containsExactly(false, false, false, false, true);
        assertThat(events).filteredOn(AgentEvent.SessionEnded.class::isInstance).hasSize(1);
        assertThat(say("what did I order")).isEqualTo("Your order: nothing yet.");
        assertThat(say("add 1 fries")).startsWith("Added 1 x Fries.");
        assertThat(sessionsStarted()).hasSize(2);
    }

    @Test
    void aConfirmedOrderKeepsItsNumberAndTakesNoMore() {
        // a model that confirms but does not end the session: the tools still refuse to change the order
        var model = ScriptedChatModel.builder()
                .rule(Rule.toolResult(OrderTools.CONFIRM_ORDER)
                        .replyJson("{\"reply\": \"{result}\", \"orderConfirmed\": true, \"sessionEnded\": false}"))
                .rule(Rule.toolResult(OrderTools.ADD_TO_ORDER)
                        .replyJson("{\"reply\": \"{result}\", \"orderConfirmed\": false, \"sessionEnded\": false}"))
                .rule(Rule.userSays("confirm").callTool(OrderTools.CONFIRM_ORDER, "{}"))
                .rule(Rule.userSays("add").callTool(OrderTools.ADD_TO_ORDER, "{\"item\": \"fries\", \"quantity\": 1}"))
                .build();
        agent.close();
        agent = BurgerShop.builder(transport, model, dir.resolve("other.db")).build();
        agent.start();

        say("add");
        var first = say("confirm");
        var second = say("confirm");

        assertThat(first)
                .matches("Order B-\\d{4} confirmed: 1 x Fries; total \\$3\\.00\\. Ready in about 15 minutes\\.");
        assertThat(second).isEqualTo(first);
        assertThat(say("add")).startsWith("error: order B-").endsWith("is already confirmed; /reset starts a new one");
        assertThat(say("/order")).startsWith("Order B-").endsWith("(confirmed): 1 x Fries; total $3.00.");
    }

    @Test
    void refusesDishesThatAreNotOnTheMenuAndAbsurdQuantities() {
        assertThat(say("add 2 pizzas"))
                .isEqualTo("Sorry, I could not add that: item is not on the menu; the menu has Classic Burger,"
                        + " Cheeseburger, Veggie Burger, Fries, Milkshake. One dish at a time, please, like"
                        + " \"add 2 cheeseburger\".");
        assertThat(say("add 25 fries")).contains("quantity must be less than or equal to 20");
        assertThat(say("confirm")).isEqualTo("I can't confirm yet: the order is empty; add something first.");
        assertThat(say("/order")).isEqualTo("Your order: nothing yet.");
        assertThat(say("how is the weather")).startsWith("I can take your order: say \"menu\"");
    }

    @Test
    void answersAVoiceNoteWithAVoiceNote() {
        transport.receiveVoice(ANA, "m-" + ++ids, FakeAudio.of("I want 2 classic burgers please"));

        var reply = transport.awaitSent(1, WAIT).get(0);

        assertThat(reply.content()).isInstanceOfSatisfying(OutboundContent.Voice.class, voice -> {
            assertThat(voice.audio().mimeType()).isEqualTo("audio/ogg; codecs=opus");
            assertThat(voice.text()).startsWith("Added 2 x Classic Burger.");
            assertThat(FakeAudio.wordsIn(voice.audio())).contains(voice.text());
        });
        // text is answered with text again
        assertThat(say("/order")).isEqualTo("Your order: 2 x Classic Burger; total $13.00.");
    }

    @Test
    void theOrderSurvivesARestart() {
        say("add 3 milkshakes");
        agent.close();

        transport = RecordingTransport.create();
        agent = start(transport);

        assertThat(say("what did I order")).isEqualTo("Your order: 3 x Milkshake; total $13.50.");
    }

    @Test
    void saysGoodbyeAndStartsTheNextSessionWithAnEmptyOrder() {
        say("add 1 veggie burger");

        assertThat(say("bye")).isEqualTo("Thanks for stopping by. Enjoy your meal!");

        assertThat(replies).extracting(BurgerReply::sessionEnded).containsExactly(false, true);
        assertThat(events).filteredOn(AgentEvent.SessionEnded.class::isInstance).hasSize(1);
        assertThat(say("what did I order")).isEqualTo("Your order: nothing yet.");
        assertThat(sessionsStarted()).hasSize(2);
    }

    private Agent start(RecordingTransport recording) {
        var started = BurgerShop.builder(recording, BurgerScript.model(), dir.resolve("burgers.db"))
                .onResponse((session, reply) -> replies.add((BurgerReply) reply))
                .listener(events::add)
                .build();
        started.start();
        return started;
    }

    /** Sends a text and returns the text of its reply, once the agent is idle again. */
    private String say(String text) {
        int before = transport.sent().size();
        transport.receiveText(ANA, "m-" + ++ids, text);
        List<OutboundMessage> sent = transport.awaitSent(before + 1, WAIT);
        awaitIdle();
        assertThat(transport.sent()).hasSize(before + 1);
        var reply = sent.get(before);
        assertThat(reply.content()).isInstanceOf(OutboundContent.Text.class);
        return reply.content().text();
    }

    private void awaitIdle() {
        try {
            assertThat(agent.awaitIdle(WAIT)).as("idle").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<AgentEvent.SessionStarted> sessionsStarted() {
        return events.stream()
                .filter(AgentEvent.SessionStarted.class::isInstance)
                .map(AgentEvent.SessionStarted.class::cast)
                .toList();
    }
}
