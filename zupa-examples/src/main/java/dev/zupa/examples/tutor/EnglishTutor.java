package dev.zupa.examples.tutor;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.transport.Transport;
import dev.zupa.examples.offline.FakeSpeechToText;
import dev.zupa.examples.offline.FakeTextToSpeech;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.command.Command;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The English tutor's agent: it chats, corrects mistakes in {@link TutorReply} structured replies, and keeps the
 * learner's words with two tools ({@code save_vocabulary}, {@code list_vocabulary}) in the session's values; the
 * {@code /words} command lists them without asking the model.
 *
 * <p>Voice notes are transcribed and replies spoken by the examples' fakes ({@link FakeSpeechToText},
 * {@link FakeTextToSpeech}); set real providers on the {@link #builder} to replace them.
 *
 * @since 0.1
 */
public final class EnglishTutor {
    /** The agent's name: the label of its replies and its thread names. */
    public static final String NAME = "tutor";

    static final String INSTRUCTIONS = """
            You are a friendly English tutor chatting with {{user.name}}, who is learning English.
            Keep the conversation going with short, simple replies and one question at a time.
            When their last message has a grammar or spelling mistake, set correction to what they wrote, the \
            corrected sentence and a one-sentence explanation; otherwise set correction to null.
            When you teach a word, save it with save_vocabulary and list it in newVocabulary. Use list_vocabulary \
            when they ask for their words.""";

    private EnglishTutor() {}

    /**
     * The tutor's agent, configured and ready to start.
     *
     * @param transport where the learner writes from; never null
     * @param model the chat model, such as {@link TutorScript#model()}; never null
     * @param dataFile the SQLite file of the conversations, created when missing; never null
     * @return the agent, not started; never null
     */
    public static Agent agent(Transport transport, ChatModel model, Path dataFile) {
        return builder(transport, model, dataFile).build();
    }

    /**
     * The tutor's agent as a builder, for changing it before it is built.
     *
     * @param transport where the learner writes from; never null
     * @param model the chat model, such as {@link TutorScript#model()}; never null
     * @param dataFile the SQLite file of the conversations, created when missing; never null
     * @return a builder with everything set; never null
     */
    public static Agent.Builder builder(Transport transport, ChatModel model, Path dataFile) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataFile, "dataFile");
        return Agent.builder()
                .name(NAME)
                .instructions(INSTRUCTIONS)
                .language("en")
                .tools(Vocabulary.tools())
                .replyType(TutorReply.class)
                .command(Command.of(
                        "words", "list the words you saved", (arguments, context) -> Vocabulary.of(context.values())
                                .describe()))
                .speechToText(new FakeSpeechToText())
                .textToSpeech(new FakeTextToSpeech())
                .chatModel(model)
                .transport(transport)
                .dataFile(dataFile);
    }
}
