package dev.zupa.examples.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.examples.offline.ConsoleDemo;
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
class EnglishTutorDemoTest {
    @TempDir
    Path dir;

    @Test
    void runsAPipedLessonAndEndsWithTheInput() throws Exception {
        var out = new ByteArrayOutputStream();
        var console = ConsoleDemo.builder()
                .input(new ByteArrayInputStream(
                        "hi\nI goed home\nwhat does brave mean\n/words\n".getBytes(StandardCharsets.UTF_8)))
                .output(new PrintStream(out, true, StandardCharsets.UTF_8))
                .echoInput(true)
                .userName("Leo")
                .voiceDirectory(dir.resolve("voice"))
                .replyTimeout(Duration.ofSeconds(20));

        int status = EnglishTutorDemo.run(console, dir.resolve("tutor.db"), Map.of());

        var output = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output.lines())
                .containsSubsequence(
                        "> hi",
                        "> I goed home",
                        "tutor: Almost! We say: \"I went home\". \"Go\" is irregular: its past tense is \"went\"."
                                + " Can you say it again?",
                        "> what does brave mean",
                        "tutor: \"brave\" means: ready to face danger or pain without showing fear. Saved \"brave\""
                                + " (1 word in your list). Try using it in a sentence!",
                        "> /words",
                        "tutor: Your words (1):",
                        "- brave: ready to face danger or pain without showing fear");
    }
}
