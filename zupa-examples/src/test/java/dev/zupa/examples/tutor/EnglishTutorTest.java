package dev.zupa.examples.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.transport.OutboundContent;
import dev.zupa.examples.offline.FakeAudio;
import dev.zupa.runtime.Agent;
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
class EnglishTutorTest {
    private static final String LEO = "+15550002";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<TutorReply> replies = new CopyOnWriteArrayList<>();
    private final RecordingTransport transport = RecordingTransport.create();
    private Agent agent;
    private int ids;

    @BeforeEach
    void startTheTutor() {
        agent = EnglishTutor.builder(transport, TutorScript.model(), dir.resolve("tutor.db"))
                .onResponse((session, reply) -> replies.add((TutorReply) reply))
                .build();
        agent.start();
    }

    @AfterEach
    void close() {
        agent.close();
    }

    @Test
    void correctsAMistakeAndExplainsIt() {
        var reply = say("Yesterday I goed to the park");

        assertThat(reply)
                .isEqualTo("Almost! We say: \"Yesterday I went to the park\". \"Go\" is irregular: its past tense is"
                        + " \"went\". Can you say it again?");
        assertThat(replies).singleElement().satisfies(answer -> {
            assertThat(answer.correction())
                    .contains(new TutorReply.Correction(
                            "Yesterday I goed to the park",
                            "Yesterday I went to the park",
                            "\"Go\" is irregular: its past tense is \"went\"."));
            assertThat(answer.newVocabulary()).isEmpty();
        });
    }

    @Test
    void aCorrectSentenceGetsNoCorrection() {
        assertThat(say("Yesterday I went to the park")).startsWith("That is correct English");

        assertThat(replies).singleElement().satisfies(answer -> assertThat(answer.correction())
                .isEmpty());
    }

    @Test
    void fixesSeveralMistakesInOneSentence() {
        assertThat(say("she don't like it, I has a more better idea"))
                .startsWith("Almost! We say: \"she doesn't like it, I have a better idea\".");
    }

    @Test
    void savesWordsAndListsThem() {
        assertThat(say("what does resilient mean?"))
                .isEqualTo("\"resilient\" means: able to recover quickly after something difficult. Saved"
                        + " \"resilient\" (1 word in your list). Try using it in a sentence!");
        assertThat(say("save cozy = warm and comfortable"))
                .isEqualTo("\"cozy\" means: warm and comfortable. Saved \"cozy\" (2 words in your list). Try using"
                        + " it in a sentence!");
        assertThat(say("what does flibbertigibbet mean?")).startsWith("I don't know \"flibbertigibbet\" yet.");

        var list = "Your words (2):\n- resilient: able to recover quickly after something difficult\n"
                + "- cozy: warm and comfortable";
        assertThat(say("my words")).isEqualTo(list);
        assertThat(say("/words")).isEqualTo(list);
        assertThat(replies)
                .extracting(TutorReply::newVocabulary)
                .containsExactly(List.of("resilient"), List.of("cozy"), List.of(), List.of());
    }

    @Test
    void correctsSpokenEnglishWithAVoiceNote() {
        transport.receiveVoice(LEO, "m-" + ++ids, FakeAudio.of("I has a cat"));

        var reply = transport.awaitSent(1, WAIT).get(0);

        assertThat(reply.content()).isInstanceOfSatisfying(OutboundContent.Voice.class, voice -> {
            assertThat(voice.audio().mimeType()).isEqualTo("audio/ogg; codecs=opus");
            assertThat(voice.text()).startsWith("Almost! We say: \"I have a cat\".");
        });
    }

    private String say(String text) {
        int before = transport.sent().size();
        transport.receiveText(LEO, "m-" + ++ids, text);
        var sent = transport.awaitSent(before + 1, WAIT);
        try {
            assertThat(agent.awaitIdle(WAIT)).as("idle").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return sent.get(before).content().text();
    }
}
