package dev.zupa.runtime.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.User;
import dev.zupa.core.transport.ContentType;
import dev.zupa.engine.Node;
import dev.zupa.engine.NodeContext;
import dev.zupa.runtime.command.Command;
import dev.zupa.runtime.command.CommandContext;
import dev.zupa.runtime.command.CommandHandler;
import dev.zupa.runtime.internal.tool.Parsed;
import dev.zupa.runtime.internal.tool.RecordReader;
import dev.zupa.runtime.memory.SessionValues;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first node of a turn: resets the turn's working channels, and answers a slash command without calling the
 * model ({@code /help}, {@code /reset}, preference commands, the application's commands).
 */
final class CommandsNode implements Node {
    private static final Logger log = LoggerFactory.getLogger(CommandsNode.class);
    private static final Map<String, String> BUILT_IN = Map.of(
            "reset", "end this conversation and start a new one",
            "text", "always answer me in text",
            "voice", "always answer me with voice notes",
            "mirror", "answer voice with voice and text with text",
            "dynamic", "let the assistant choose text or voice");

    private final TurnServices services;

    CommandsNode(TurnServices services) {
        this.services = services;
    }

    @Override
    public void run(NodeContext ctx) throws Exception {
        var turn = TurnServices.turn(ctx);
        ctx.write(TurnChannels.EXCHANGE, List.of());
        if (turn.messages().stream().allMatch(m -> m.type() == ContentType.UNSUPPORTED)) {
            // stickers, reactions and the like reach the ledger and close the turn, but are never answered
            for (var message : turn.messages()) {
                ctx.record(Ledger.INBOUND_UNSUPPORTED, new UnsupportedRecord(message.messageId()));
            }
            ctx.write(TurnChannels.REPLY, ReplyDraft.ofCommand(""));
            ctx.goTo(TurnGraph.FINALIZE);
            return;
        }
        var first = turn.messages().get(0);
        var text = first.text().strip();
        if (turn.messages().size() > 1 || first.type().isAudio() || !text.startsWith("/") || text.length() < 2) {
            ctx.goTo(TurnGraph.CONTENT);
            return;
        }
        int space = text.indexOf(' ');
        var name = (space < 0 ? text.substring(1) : text.substring(1, space)).toLowerCase(Locale.ROOT);
        var args = space < 0 ? "" : text.substring(space + 1).strip();
        var values = services.values(ctx);
        var reply = answer(name, args, turn, values);
        TurnServices.saveValues(ctx, values);
        ctx.record("command", new CommandRecord(name, args, reply));
        // the session ends once the reply is out, where every session end happens (SessionEnds)
        ctx.write(
                TurnChannels.REPLY,
                isBuiltIn(name, "reset")
                        ? ReplyDraft.ofCommandEnding(reply, SessionEnds.RESET)
                        : ReplyDraft.ofCommand(reply));
        ctx.goTo(TurnGraph.FINALIZE);
    }

    record CommandRecord(String name, String arguments, String reply) {}

    record UnsupportedRecord(String messageId) {}

    private boolean isBuiltIn(String name, String builtIn) {
        var settings = services.settings;
        return name.equals(builtIn)
                && !settings.commands().containsKey(name)
                && !settings.disabledCommands().contains(name);
    }

    private String answer(String name, String args, TurnInput turn, SessionValues values) {
        var settings = services.settings;
        if (name.equals("help")) {
            return help();
        }
        var custom = settings.commands().get(name);
        if (custom != null) {
            return runCustom(custom, args, turn, values);
        }
        if (!BUILT_IN.containsKey(name) || settings.disabledCommands().contains(name)) {
            return "I don't know the command /" + name + ". Send /help to see what I understand.";
        }
        var directory = settings.directory();
        return switch (name) {
            case "reset" -> "Done: this conversation is closed. Your next message starts a new one.";
            case "text" -> prefer(turn.user(), ReplyPreference.TEXT, "I will answer in text from now on.");
            case "voice" -> prefer(turn.user(), ReplyPreference.VOICE, "I will answer with voice notes from now on.");
            case "mirror" ->
                prefer(turn.user(), ReplyPreference.MIRROR, "I will answer voice with voice and text with text.");
            default ->
                prefer(
                        turn.user(),
                        ReplyPreference.DYNAMIC,
                        "I will choose between text and voice as fits each reply.");
        };
    }

    private String prefer(User user, ReplyPreference preference, String confirmation) {
        services.settings.directory().setPreference(user.id(), preference);
        return confirmation;
    }

    private String help() {
        var lines = new ArrayList<String>();
        lines.add("Commands:");
        lines.add("/help - list the commands");
        var settings = services.settings;
        BUILT_IN.keySet().stream()
                .sorted()
                .filter(n -> !settings.disabledCommands().contains(n)
                        && !settings.commands().containsKey(n))
                .forEach(n -> lines.add("/" + n + " - " + BUILT_IN.get(n)));
        settings.commands().values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(c -> lines.add("/" + c.name() + usage(c) + " - " + c.description()));
        return String.join("\n", lines);
    }

    private <A extends Record> String runCustom(Command<A> command, String args, TurnInput turn, SessionValues values) {
        var components = command.argumentsType().getRecordComponents();
        var tokens = split(args, components.length);
        if (tokens.size() != components.length) {
            return "Usage: /" + command.name() + usage(command);
        }
        ObjectNode json = services.mapper.createObjectNode();
        for (int i = 0; i < components.length; i++) {
            json.put(components[i].getName(), tokens.get(i));
        }
        A arguments;
        switch (RecordReader.of(command.argumentsType(), true).read(json.toString())) {
            case Parsed.Valid<A> valid -> arguments = valid.value();
            case Parsed.Invalid<A> invalid -> {
                return "Usage: /" + command.name() + usage(command) + " (" + String.join("; ", invalid.problems())
                        + ")";
            }
        }
        var context = new Context(
                turn.user(), turn.session(), values, services.settings.clock().instant());
        try {
            CommandHandler<A> handler = command.handler();
            return handler.handle(arguments, context);
        } catch (Exception e) {
            log.warn("command /{} failed", command.name(), e);
            return "Sorry, /" + command.name() + " failed: " + e.getMessage();
        }
    }

    private static List<String> split(String args, int count) {
        var tokens = new ArrayList<String>();
        if (count == 0) {
            return args.isEmpty() ? tokens : List.of("", "");
        }
        var rest = args;
        while (tokens.size() < count - 1 && !rest.isEmpty()) {
            int space = rest.indexOf(' ');
            if (space < 0) {
                tokens.add(rest);
                rest = "";
            } else {
                tokens.add(rest.substring(0, space));
                rest = rest.substring(space + 1).strip();
            }
        }
        if (!rest.isEmpty()) {
            tokens.add(rest);
        }
        return tokens;
    }

    private static String usage(Command<?> command) {
        var out = new StringBuilder();
        for (RecordComponent component : command.argumentsType().getRecordComponents()) {
            out.append(" <").append(component.getName()).append('>');
        }
        return out.toString();
    }

    private record Context(User user, Session session, SessionValues values, Instant now) implements CommandContext {}
}
