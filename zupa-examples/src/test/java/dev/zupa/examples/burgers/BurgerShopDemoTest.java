package dev.zupa.examples.burgers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.examples.offline.ConsoleDemo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BurgerShopDemoTest {
    @TempDir
    Path dir;

    @Test
    void runsAPipedConversationAndEndsWithTheInput() throws Exception {
        var output = demo("hi\nmenu\nadd 2 cheeseburger\nconfirm\n", Map.of());

        assertThat(output)
                .contains("Model: the offline script")
                .contains("/voicenote " + BurgerShopDemo.SAMPLE_VOICE_NOTE);
        assertThat(output.lines())
                .containsSubsequence(
                        "> hi",
                        "burgers: Welcome to Zupa Burgers! I can show you the menu, take your order and confirm it."
                                + " What would you like?",
                        "> menu",
                        "burgers: Here is our menu:",
                        "- Cheeseburger, $7.00 (beef patty, double cheddar, pickles)",
                        "> add 2 cheeseburger",
                        "burgers: Added 2 x Cheeseburger. Your order: 2 x Cheeseburger; total $14.00. Anything else?"
                                + " Say \"confirm\" when you are done.",
                        "> confirm")
                .anyMatch(line -> line.matches("burgers: Thank you! Order B-\\d{4} confirmed: 2 x Cheeseburger;"
                        + " total \\$14\\.00\\. Ready in about 15 minutes\\."));
    }

    @Test
    void answersTheSampleVoiceNoteWithASavedVoiceNote() throws Exception {
        var sample = dir.resolve("order.ogg");
        try (InputStream in = BurgerShopDemoTest.class.getResourceAsStream("/samples/order.ogg")) {
            Files.write(
                    sample, Objects.requireNonNull(in, "the sample voice note").readAllBytes());
        }

        var output = demo("/voicenote " + sample + "\n/order\n", Map.of());

        var voiceReply = output.lines()
                .filter(line -> line.startsWith("burgers: [voice note "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no voice reply in:\n" + output));
        assertThat(voiceReply)
                .contains("bytes, audio/ogg; codecs=opus, saved to "
                        + dir.resolve("voice").toAbsolutePath())
                .endsWith("] Added 2 x Classic Burger. Your order: 2 x Classic Burger; total $13.00. Anything else?"
                        + " Say \"confirm\" when you are done.");
        try (var saved = Files.list(dir.resolve("voice"))) {
            assertThat(saved).singleElement().satisfies(file -> assertThat(file.toString())
                    .endsWith(".ogg"));
        }
        assertThat(output).contains("burgers: Your order: 2 x Classic Burger; total $13.00.");
    }

    @Test
    void aSecondRunGoesOnWithTheSameConversation() throws Exception {
        demo("add 1 milkshake\n", Map.of());

        var output = demo("what did I order\n", Map.of());

        assertThat(output).contains("burgers: Your order: 1 x Milkshake; total $4.50.");
    }

    private String demo(String input, Map<String, String> environment) throws InterruptedException, IOException {
        var out = new ByteArrayOutputStream();
        var console = ConsoleDemo.builder()
                .input(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .output(new PrintStream(out, true, StandardCharsets.UTF_8))
                .echoInput(true)
                .userName("Ana")
                .voiceDirectory(dir.resolve("voice"))
                .replyTimeout(Duration.ofSeconds(20));

        int status = BurgerShopDemo.run(console, dir.resolve("burgers.db"), environment);

        var output = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        return output;
    }
}
