package dev.zupa.adapters.console;

import dev.zupa.core.transport.MediaRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code /voicenote <path>} lines: which lines are one, and which audio file they name. */
final class VoiceNoteCommand {
    private static final Pattern LINE = Pattern.compile(
            Pattern.quote(ConsoleTransport.VOICE_NOTE_COMMAND) + "(?:\\s+(.*))?", Pattern.CASE_INSENSITIVE);

    private VoiceNoteCommand() {}

    /**
     * The argument of a voice note line.
     *
     * @param line a stripped input line
     * @return the text after the command, empty text for the bare command, or empty when the line is no voice note
     */
    static Optional<String> argument(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String argument = matcher.group(1);
        return Optional.of(argument == null ? "" : argument.strip());
    }

    /**
     * The audio file an argument names: unquoted, {@code ~/} expanded, made absolute. A file that is missing,
     * unreadable or empty gives a notice instead.
     *
     * @param argument what followed the command
     * @param notices where to say what is wrong
     * @return the file as a media handle, or empty after a notice
     */
    static Optional<MediaRef> resolve(String argument, Consumer<String> notices) {
        String text = unquote(argument);
        if (text.isEmpty()) {
            notices.accept("usage: " + ConsoleTransport.VOICE_NOTE_COMMAND + " <path-to-audio-file>");
            return Optional.empty();
        }
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        Path file;
        try {
            file = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            notices.accept("'" + text + "' is not a file path; nothing sent");
            return Optional.empty();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            notices.accept("no readable audio file at " + file + "; nothing sent");
            return Optional.empty();
        }
        try {
            if (Files.size(file) == 0) {
                notices.accept("audio file " + file + " is empty; nothing sent");
                return Optional.empty();
            }
        } catch (IOException e) {
            notices.accept("cannot read audio file " + file + " (" + e.getMessage() + "); nothing sent");
            return Optional.empty();
        }
        return Optional.of(new MediaRef(file.toString(), AudioTypes.mimeTypeOf(file)));
    }

    private static String unquote(String text) {
        if (text.length() >= 2) {
            char first = text.charAt(0);
            if ((first == '"' || first == '\'') && text.charAt(text.length() - 1) == first) {
                return text.substring(1, text.length() - 1).strip();
            }
        }
        return text;
    }
}
