package dev.zupa.examples.tutor;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.zupa.runtime.memory.SessionValues;
import dev.zupa.runtime.tool.Tool;
import dev.zupa.runtime.tool.ToolContext;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The learner's word list, kept in the session's values under {@link #KEY}, and the two tools that use it.
 *
 * @param words the saved words, oldest first, one entry per word
 */
record Vocabulary(List<Word> words) {
    static final String KEY = "vocabulary";
    static final String SAVE = "save_vocabulary";
    static final String LIST = "list_vocabulary";
    static final int MAX_WORDS = 200;

    /** A word and what it means. */
    record Word(String word, String meaning) {}

    /** What save_vocabulary saves. */
    record SaveWord(
            @JsonPropertyDescription("The word or short phrase, as the learner should learn it")
            @NotBlank
            @Size(max = 40)
            String word,

            @JsonPropertyDescription("What it means, in simple English") @NotBlank @Size(max = 200)
            String meaning) {}

    /** list_vocabulary takes no arguments. */
    record ListWords() {}

    Vocabulary {
        words = List.copyOf(words);
    }

    static Vocabulary of(SessionValues values) {
        return values.get(KEY, Vocabulary.class).orElse(new Vocabulary(List.of()));
    }

    /** This list with the word saved; a word saved again gets its new meaning. */
    Vocabulary with(Word word) {
        var next = new ArrayList<Word>();
        for (var existing : words) {
            if (!existing.word().equalsIgnoreCase(word.word())) {
                next.add(existing);
            }
        }
        next.add(word);
        return new Vocabulary(next);
    }

    String describe() {
        if (words.isEmpty()) {
            return "Your word list is empty.";
        }
        return "Your words (" + words.size() + "):\n"
                + words.stream().map(w -> "- " + w.word() + ": " + w.meaning()).collect(Collectors.joining("\n"));
    }

    static Tool<?>[] tools() {
        return new Tool<?>[] {
            Tool.of(SAVE, "Saves a word and its meaning to the learner's word list.", SaveWord.class, Vocabulary::save),
            Tool.of(
                    LIST,
                    "The learner's word list with meanings.",
                    ListWords.class,
                    (args, context) -> of(context.values()).describe())
        };
    }

    private static String save(SaveWord arguments, ToolContext context) {
        var vocabulary = of(context.values());
        var word = new Word(
                arguments.word().strip().toLowerCase(Locale.ROOT),
                arguments.meaning().strip());
        if (vocabulary.words().size() >= MAX_WORDS
                && vocabulary.find(word.word()).isEmpty()) {
            return "error: the word list is full (" + MAX_WORDS + " words)";
        }
        var updated = vocabulary.with(word);
        context.values().put(KEY, updated);
        int count = updated.words().size();
        return "Saved \"" + word.word() + "\" (" + count + (count == 1 ? " word" : " words") + " in your list).";
    }

    private Optional<Word> find(String word) {
        return words.stream().filter(w -> w.word().equalsIgnoreCase(word)).findFirst();
    }
}
