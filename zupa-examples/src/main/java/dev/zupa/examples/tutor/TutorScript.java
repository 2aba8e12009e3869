package dev.zupa.examples.tutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.adapters.scripted.Match;
import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.message.Message;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tutor's offline model: a script that stands in for a real model, so that the demo and its tests run without a
 * key or a network. It understands:
 *
 * <ul>
 *   <li>a few common mistakes ("I goed", "she don't", "more better", …): a correction with an explanation;
 *   <li>"what does resilient mean?": the meaning, for the dozen words it knows, saved with {@code save_vocabulary};
 *   <li>"save cozy = warm and comfortable": saves the learner's own word;
 *   <li>my words, word list, vocabulary: calls {@code list_vocabulary};
 *   <li>hi, hello: a welcome; anything else: encouragement to go on.
 * </ul>
 *
 * <p>Every answer is a {@link TutorReply} as JSON, since the tutor asks for structured replies.
 *
 * @since 0.1
 */
public final class TutorScript {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern MEANING = Pattern.compile(
            "\\bwhat\\s+(?:does|do)\\s+[\"'“]?(?<word>[\\p{L}-]+)[\"'”]?\\s+mean\\b"
                    + "|\\bmeaning\\s+of\\s+[\"'“]?(?<word2>[\\p{L}-]+)|\\bdefine\\s+[\"'“]?(?<word3>[\\p{L}-]+)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final String SAVE = "^\\s*(?:save|remember|learn)\\s+(?:the\\s+)?(?:word\\s+)?[\"'“]?"
            + "(?<word>[\\p{L}' -]+?)[\"'”]?\\s*(?:=|:|\\s+means\\s+)\\s*(?<meaning>.+?)\\s*$";

    private static final Map<String, String> GLOSSARY = Map.ofEntries(
            Map.entry("serendipity", "finding something good without looking for it"),
            Map.entry("cozy", "warm, comfortable and safe"),
            Map.entry("procrastinate", "to delay doing something you should do"),
            Map.entry("resilient", "able to recover quickly after something difficult"),
            Map.entry("curious", "wanting to know or learn about something"),
            Map.entry("journey", "a trip from one place to another, often a long one"),
            Map.entry("brave", "ready to face danger or pain without showing fear"),
            Map.entry("whisper", "to speak very quietly"),
            Map.entry("grateful", "feeling thankful for something someone did"),
            Map.entry("delicious", "tasting or smelling very good"),
            Map.entry("schedule", "a plan of what will happen and when"),
            Map.entry("improve", "to become better, or to make something better"));

    private static final String WELCOME = "Hi! I'm your English practice partner. Write to me about your day and I'll"
            + " point out mistakes. Ask \"what does resilient mean?\" to learn a word, or say \"my words\" to see your"
            + " word list.";

    private TutorScript() {}

    /**
     * The script as a model.
     *
     * @return a new, immutable and thread-safe model; never null
     */
    public static ChatModel model() {
        return ScriptedChatModel.builder()
                .rule(Rule.toolResult(Vocabulary.SAVE).replyJson(TutorScript::saved))
                .rule(Rule.toolResult(Vocabulary.LIST)
                        .replyJson(m -> reply(m.lastToolResult().orElse(""), Optional.empty(), List.of())))
                .rule(Rule.userMatches(SAVE)
                        .callTool(Vocabulary.SAVE, "{\"word\": \"{word}\", \"meaning\": \"{meaning}\"}"))
                .rule(Rule.when(request -> knownWord(request).isPresent())
                        .callTool(
                                Vocabulary.SAVE,
                                m -> saveArguments(knownWord(m.request()).orElseThrow())))
                .rule(Rule.when(request -> askedWord(request).isPresent()).replyJson(m -> {
                    var word = askedWord(m.request()).orElseThrow();
                    return reply(
                            "I don't know \"" + word + "\" yet. When you find out, teach me: save " + word
                                    + " = what it means.",
                            Optional.empty(),
                            List.of());
                }))
                .rule(Rule.userSays("my words", "word list", "my list", "vocabulary", "list words", "list my words")
                        .callTool(Vocabulary.LIST, "{}"))
                .rule(Rule.when(request -> mistake(request).isPresent()).replyJson(m -> corrected(m.request())))
                .rule(Rule.userSays("hi", "hello", "hey", "good morning", "good afternoon", "good evening")
                        .replyJson(reply(WELCOME, Optional.empty(), List.of())))
                .rule(Rule.userSays("bye", "goodbye", "see you")
                        .replyJson(reply(
                                "Goodbye! Great practice today. See you next time.", Optional.empty(), List.of())))
                .rule(Rule.always()
                        .replyJson(reply(
                                "That is correct English, well done! Tell me more: what happened next?",
                                Optional.empty(),
                                List.of())))
                .fallback("That is correct English, well done! Tell me more: what happened next?")
                .build();
    }

    private static String saved(Match match) {
        var result = match.lastToolResult().orElse("");
        if (result.startsWith("error:")) {
            return reply(
                    "I could not save that word: "
                            + result.substring("error:".length()).strip(),
                    Optional.empty(),
                    List.of());
        }
        var arguments = lastCallArguments(match.request(), Vocabulary.SAVE);
        var word = arguments.path("word").asText("").strip().toLowerCase(Locale.ROOT);
        var meaning = arguments.path("meaning").asText("").strip();
        return reply(
                "\"" + word + "\" means: " + meaning + ". " + result + " Try using it in a sentence!",
                Optional.empty(),
                word.isEmpty() ? List.of() : List.of(word));
    }

    private static String corrected(ChatRequest request) {
        var found = mistake(request).orElseThrow();
        var correction = new TutorReply.Correction(found.original(), found.corrected(), found.explanation());
        return reply(
                "Almost! We say: \"" + found.corrected() + "\". " + found.explanation() + " Can you say it again?",
                Optional.of(correction),
                List.of());
    }

    private static Optional<Mistakes.Found> mistake(ChatRequest request) {
        return lastUserText(request).flatMap(Mistakes::in);
    }

    /** The word of "what does X mean", when the glossary knows it. */
    private static Optional<String> knownWord(ChatRequest request) {
        return askedWord(request).filter(GLOSSARY::containsKey);
    }

    private static Optional<String> askedWord(ChatRequest request) {
        return lastUserText(request).flatMap(text -> {
            var matcher = MEANING.matcher(text);
            if (!matcher.find()) {
                return Optional.empty();
            }
            for (var group : List.of("word", "word2", "word3")) {
                if (matcher.group(group) != null) {
                    return Optional.of(matcher.group(group).toLowerCase(Locale.ROOT));
                }
            }
            return Optional.empty();
        });
    }

    private static String saveArguments(String word) {
        return JSON.createObjectNode()
                .put("word", word)
                .put("meaning", GLOSSARY.get(word))
                .toString();
    }

    /** The learner's words, when the request ends with them (not when a tool has just answered). */
    private static Optional<String> lastUserText(ChatRequest request) {
        var messages = request.messages();
        if (messages.isEmpty() || !(messages.get(messages.size() - 1) instanceof Message.User)) {
            return Optional.empty();
        }
        return Optional.of(Match.of(request).userText());
    }

    private static JsonNode lastCallArguments(ChatRequest request, String tool) {
        var messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Message.Assistant assistant) {
                for (var call : assistant.toolCalls()) {
                    if (call.name().equals(tool)) {
                        try {
                            return JSON.readTree(call.arguments());
                        } catch (java.io.IOException e) {
                            return JSON.createObjectNode();
                        }
                    }
                }
            }
        }
        return JSON.createObjectNode();
    }

    private static String reply(String text, Optional<TutorReply.Correction> correction, List<String> newVocabulary) {
        ObjectNode node = JSON.createObjectNode().put("reply", text);
        correction.ifPresentOrElse(
                c -> node.putObject("correction")
                        .put("original", c.original())
                        .put("corrected", c.corrected())
                        .put("explanation", c.explanation()),
                () -> node.putNull("correction"));
        var words = node.putArray("newVocabulary");
        newVocabulary.forEach(words::add);
        return node.toString();
    }
}
