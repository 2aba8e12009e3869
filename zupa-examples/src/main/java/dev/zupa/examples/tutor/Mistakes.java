package dev.zupa.examples.tutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A few common learner mistakes the offline tutor can spot, each with its fix and a short explanation. */
final class Mistakes {
    private record Mistake(Pattern pattern, String replacement, String explanation) {
        Mistake(String regex, String replacement, String explanation) {
            this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), replacement, explanation);
        }
    }

    private static final List<Mistake> KNOWN = List.of(
            new Mistake("\\bgoed\\b", "went", "\"Go\" is irregular: its past tense is \"went\"."),
            new Mistake("\\bbuyed\\b", "bought", "\"Buy\" is irregular: its past tense is \"bought\"."),
            new Mistake("\\beated\\b", "ate", "\"Eat\" is irregular: its past tense is \"ate\"."),
            new Mistake("\\bthinked\\b", "thought", "\"Think\" is irregular: its past tense is \"thought\"."),
            new Mistake("\\bteached\\b", "taught", "\"Teach\" is irregular: its past tense is \"taught\"."),
            new Mistake(
                    "\\b(he|she|it)\\s+don't\\b", "$1 doesn't", "With he, she and it, the negative is \"doesn't\"."),
            new Mistake("\\bI\\s+has\\b", "I have", "With I, the verb is \"have\", not \"has\"."),
            new Mistake(
                    "\\bmore\\s+(better|worse|bigger|smaller|faster|easier)\\b",
                    "$1",
                    "A comparative such as \"better\" or \"bigger\" needs no \"more\"."));

    /** The learner's text, its corrected form and the explanations of what was fixed. */
    record Found(String original, String corrected, String explanation) {}

    private Mistakes() {}

    /**
     * Finds and fixes the known mistakes in a text.
     *
     * @param text what the learner wrote
     * @return the correction, or empty when no known mistake was found
     */
    static Optional<Found> in(String text) {
        var corrected = text.strip();
        var explanations = new ArrayList<String>();
        for (var mistake : KNOWN) {
            var matcher = mistake.pattern().matcher(corrected);
            if (matcher.find()) {
                corrected = matcher.replaceAll(mistake.replacement());
                explanations.add(mistake.explanation());
            }
        }
        if (explanations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Found(text.strip(), corrected, String.join(" ", explanations)));
    }
}
