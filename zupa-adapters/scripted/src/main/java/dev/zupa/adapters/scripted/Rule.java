package dev.zupa.adapters.scripted;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.provider.ProviderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line of a script: a condition over the conversation and the answer given when it matches. Start with a
 * condition ({@link #userSays}, {@link #userMatches}, {@link #toolResult}, {@link #always}, {@link #when}) and finish
 * with an answer on the returned {@link When}:
 *
 * <pre>{@code
 * Rule.userMatches("add (\\d+) (\\w+)").callTool("add_to_order", "{\"quantity\": {1}, \"item\": \"{2}\"}")
 * Rule.toolResult("add_to_order").reply("Done: {result}")
 * }</pre>
 *
 * <p>Text templates may hold {@code {0}}..{@code {n}} and {@code {name}} for the groups of a regular expression,
 * {@code {user}} for the user's latest words and {@code {result}} for the latest tool result; placeholders are
 * checked when the rule is built. A rule may pass: one that calls a tool the request does not offer, or gives a
 * structured answer to a request without a response schema, lets the next rule answer.
 *
 * <p>Immutable and thread-safe, provided the functions given to it are.
 *
 * @since 0.1
 */
public final class Rule {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    private final Condition condition;
    private final Answer answer;

    private Rule(Condition condition, Answer answer) {
        this.condition = condition;
        this.answer = answer;
    }

    /**
     * Matches when the request ends with the user's words and they contain any of the given words or phrases, as
     * whole words, ignoring case. Group 0 is the word found. Does not match a request that ends with a tool result,
     * so a rule that calls a tool is not asked again once the tool has answered.
     *
     * @param words the words or phrases, at least one, none blank; never null
     * @return the condition, to finish with an answer; never null
     * @throws IllegalArgumentException when no word is given or one is blank
     */
    public static When userSays(String... words) {
        Objects.requireNonNull(words, "words");
        if (words.length == 0) {
            throw new IllegalArgumentException("userSays needs at least one word");
        }
        for (var word : words) {
            Objects.requireNonNull(word, "word");
            if (word.isBlank()) {
                throw new IllegalArgumentException("userSays words must not be blank, were " + Arrays.toString(words));
            }
        }
        var alternatives = Arrays.stream(words).map(Pattern::quote).collect(Collectors.joining("|"));
        var pattern = Pattern.compile("(?<!\\w)(?:" + alternatives + ")(?!\\w)", FLAGS);
        return new When(new Condition("userSays" + Arrays.toString(words), Optional.of(pattern)));
    }

    /**
     * Matches when the request ends with the user's words and the regular expression is found in them, ignoring
     * case. Its groups fill the answer's template and are available to answer functions through {@link Match}.
     * Does not match a request that ends with a tool result.
     *
     * @param regex a {@link Pattern} expression, searched for anywhere in the text; never null
     * @return the condition, to finish with an answer; never null
     * @throws java.util.regex.PatternSyntaxException when the expression is invalid
     */
    public static When userMatches(String regex) {
        Objects.requireNonNull(regex, "regex");
        return new When(new Condition("userMatches[" + regex + "]", Optional.of(Pattern.compile(regex, FLAGS))));
    }

    /**
     * Matches when the last message is the result of a call to the named tool: the usual follow-up once a tool has
     * answered. Use {@code {result}} in a template, or {@link Match#lastToolResult()}, to answer with the result.
     *
     * @param toolName the tool's name; never null or blank
     * @return the condition, to finish with an answer; never null
     * @throws IllegalArgumentException when the name is blank
     */
    public static When toolResult(String toolName) {
        Objects.requireNonNull(toolName, "toolName");
        if (toolName.isBlank()) {
            throw new IllegalArgumentException("toolName must not be blank");
        }
        Predicate<ChatRequest> test = request -> Conversation.trailingToolResult(request.messages())
                .flatMap(tool -> Conversation.toolNameOf(request.messages(), tool.toolCallId()))
                .filter(toolName::equals)
                .isPresent();
        return new When(new Condition("toolResult[" + toolName + "]", test));
    }

    /**
     * Matches every request; put it last, as a catch-all.
     *
     * @return the condition, to finish with an answer; never null
     */
    public static When always() {
        return new When(new Condition("always", request -> true));
    }

    /**
     * Matches when the predicate accepts the request, for anything the other conditions cannot say.
     *
     * @param condition a thread-safe test of the request; never null
     * @return the condition, to finish with an answer; never null
     */
    public static When when(Predicate<ChatRequest> condition) {
        Objects.requireNonNull(condition, "condition");
        return new When(new Condition("when[" + condition + "]", condition));
    }

    /** Answers the request, or passes (empty) to let the next rule answer. */
    Optional<Reply> apply(ChatRequest request) {
        return condition.match(request).flatMap(match -> answer.reply(match, this));
    }

    @Override
    public String toString() {
        return condition.description + " -> " + answer;
    }

    /**
     * The second half of a rule: choose what it answers. Not thread-safe; each method returns a new, immutable
     * {@link Rule}.
     *
     * @since 0.1
     */
    public static final class When {
        private final Condition condition;

        private When(Condition condition) {
            this.condition = condition;
        }

        /**
         * Answers with text from a template.
         *
         * @param template the text, with optional placeholders; never null
         * @return the rule; never null
         * @throws IllegalArgumentException when a placeholder is unknown or names a group the condition lacks
         */
        public Rule reply(String template) {
            var text = Template.of(Objects.requireNonNull(template, "template"), false, condition.pattern);
            return new Rule(condition, new TextAnswer(text::render, "reply '" + template + "'"));
        }

        /**
         * Answers with text computed from the match.
         *
         * @param text a thread-safe function returning the reply, never null; never null
         * @return the rule; never null
         */
        public Rule reply(Function<Match, String> text) {
            Objects.requireNonNull(text, "text");
            return new Rule(condition, new TextAnswer(text, "reply(function)"));
        }

        /**
         * Calls a tool with arguments from a JSON template, if the request offers a tool of that name; otherwise
         * the rule passes. Inserted values are escaped as JSON string content, so write {@code "{1}"} for a string
         * and {@code {1}} for a number.
         *
         * @param tool the tool's name; never null or blank
         * @param argumentsTemplate a JSON object with optional placeholders; never null
         * @return the rule; never null
         * @throws IllegalArgumentException when the name is blank, a placeholder is unknown, or the template is not a
         *     JSON object
         */
        public Rule callTool(String tool, String argumentsTemplate) {
            requireToolName(tool);
            var template = Template.of(
                    Objects.requireNonNull(argumentsTemplate, "argumentsTemplate"), true, condition.pattern);
            if (!parse(template.probe()).map(JsonNode::isObject).orElse(false)) {
                throw new IllegalArgumentException(
                        "the arguments of tool '" + tool + "' must be a JSON object, were '" + argumentsTemplate + "'");
            }
            return new Rule(condition, new CallAnswer(tool, template::render, "callTool " + tool + " " + template));
        }

        /**
         * Calls a tool with arguments computed from the match (for instance taken from the user's text), if the
         * request offers a tool of that name; otherwise the rule passes.
         *
         * @param tool the tool's name; never null or blank
         * @param arguments a thread-safe function returning a JSON object as text; never null
         * @return the rule; never null
         * @throws IllegalArgumentException when the name is blank
         */
        public Rule callTool(String tool, Function<Match, String> arguments) {
            requireToolName(tool);
            Objects.requireNonNull(arguments, "arguments");
            return new Rule(condition, new CallAnswer(tool, arguments, "callTool " + tool + "(function)"));
        }

        /**
         * Gives a structured answer, the JSON from a template, when the request asks for one (has a response
         * schema); otherwise the rule passes. Inserted values are escaped as JSON string content. The answer is not
         * checked against the schema, so a script can also test how the caller handles an invalid one.
         *
         * @param jsonTemplate a JSON value with optional placeholders; never null
         * @return the rule; never null
         * @throws IllegalArgumentException when a placeholder is unknown or the template is not JSON
         */
        public Rule replyJson(String jsonTemplate) {
            var template = Template.of(Objects.requireNonNull(jsonTemplate, "jsonTemplate"), true, condition.pattern);
            if (parse(template.probe()).isEmpty()) {
                throw new IllegalArgumentException("replyJson template is not JSON: '" + jsonTemplate + "'");
            }
            return new Rule(condition, new JsonAnswer(template::render, "replyJson " + template));
        }

        /**
         * Gives a structured answer computed from the match when the request has a response schema; otherwise the
         * rule passes.
         *
         * @param json a thread-safe function returning the JSON text; never null
         * @return the rule; never null
         */
        public Rule replyJson(Function<Match, String> json) {
            Objects.requireNonNull(json, "json");
            return new Rule(condition, new JsonAnswer(json, "replyJson(function)"));
        }

        /**
         * Answers with a response the function builds in full, for anything the other answers cannot say (several
         * tool calls, a given finish reason or usage).
         *
         * @param response a thread-safe function returning the response, never null; never null
         * @return the rule; never null
         */
        public Rule answer(Function<ChatRequest, ChatResponse> response) {
            Objects.requireNonNull(response, "response");
            return new Rule(condition, new FullAnswer(response));
        }

        /**
         * Fails the call with the supplied exception, to simulate a rate limit, a timeout or an outage.
         *
         * @param error supplies the exception to throw, a fresh one per call preferably; never null
         * @return the rule; never null
         */
        public Rule fail(Supplier<? extends ProviderException> error) {
            Objects.requireNonNull(error, "error");
            return new Rule(condition, new FailAnswer(error));
        }

        private static void requireToolName(String tool) {
            Objects.requireNonNull(tool, "tool");
            if (tool.isBlank()) {
                throw new IllegalArgumentException("tool must not be blank");
            }
        }
    }

    static Optional<JsonNode> parse(String json) {
        try {
            return Optional.of(JSON.readTree(json)).filter(node -> !node.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** When a rule applies; a regular expression condition also yields its groups. */
    private static final class Condition {
        private final String description;
        private final Optional<Pattern> pattern;
        private final Predicate<ChatRequest> test;

        Condition(String description, Predicate<ChatRequest> test) {
            this.description = description;
            this.pattern = Optional.empty();
            this.test = test;
        }

        Condition(String description, Optional<Pattern> pattern) {
            this.description = description;
            this.pattern = pattern;
            this.test = request -> true;
        }

        Optional<Match> match(ChatRequest request) {
            if (pattern.isEmpty()) {
                return test.test(request) ? Optional.of(Match.of(request)) : Optional.empty();
            }
            if (!Conversation.endsWithUser(request.messages())) {
                return Optional.empty();
            }
            Matcher matcher = pattern.get().matcher(Conversation.userText(request.messages()));
            if (!matcher.find()) {
                return Optional.empty();
            }
            var groups = new ArrayList<String>();
            for (int i = 0; i <= matcher.groupCount(); i++) {
                groups.add(Objects.requireNonNullElse(matcher.group(i), ""));
            }
            var named = new HashMap<String, String>();
            matcher.namedGroups().forEach((name, index) -> named.put(name, groups.get(index)));
            return Optional.of(new Match(request, List.copyOf(groups), named));
        }
    }

    /** What a rule answers once its condition matched; empty means the rule passes. */
    private sealed interface Answer {
        Optional<Reply> reply(Match match, Rule rule);
    }

    private record TextAnswer(Function<Match, String> text, String description) implements Answer {
        @Override
        public Optional<Reply> reply(Match match, Rule rule) {
            return Optional.of(new Reply.Text(Objects.requireNonNull(text.apply(match), () -> rule + " gave null")));
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private record CallAnswer(String tool, Function<Match, String> arguments, String description) implements Answer {
        @Override
        public Optional<Reply> reply(Match match, Rule rule) {
            if (match.request().tools().stream().noneMatch(spec -> spec.name().equals(tool))) {
                return Optional.empty();
            }
            var json = Objects.requireNonNull(arguments.apply(match), () -> rule + " gave null arguments");
            if (!parse(json).map(JsonNode::isObject).orElse(false)) {
                throw new IllegalStateException(rule + " gave arguments that are not a JSON object: " + json);
            }
            return Optional.of(new Reply.Call(tool, json));
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private record JsonAnswer(Function<Match, String> json, String description) implements Answer {
        @Override
        public Optional<Reply> reply(Match match, Rule rule) {
            if (match.request().responseSchema().isEmpty()) {
                return Optional.empty();
            }
            var text = Objects.requireNonNull(json.apply(match), () -> rule + " gave null");
            if (parse(text).isEmpty()) {
                throw new IllegalStateException(rule + " gave a structured answer that is not JSON: " + text);
            }
            return Optional.of(new Reply.Text(text));
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private record FullAnswer(Function<ChatRequest, ChatResponse> response) implements Answer {
        @Override
        public Optional<Reply> reply(Match match, Rule rule) {
            return Optional.of(
                    new Reply.Full(Objects.requireNonNull(response.apply(match.request()), () -> rule + " gave null")));
        }

        @Override
        public String toString() {
            return "answer(function)";
        }
    }

    private record FailAnswer(Supplier<? extends ProviderException> error) implements Answer {
        @Override
        public Optional<Reply> reply(Match match, Rule rule) {
            throw Objects.requireNonNull(error.get(), () -> rule + " supplied a null exception");
        }

        @Override
        public String toString() {
            return "fail";
        }
    }
}
