package dev.zupa.adapters.scripted;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenListener;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatModel} that answers from a script instead of a network: an ordered list of {@link Rule}s, of which
 * the first that matches the request answers. When none does, a fallback text answers.
 *
 * <pre>{@code
 * ChatModel model = ScriptedChatModel.builder()
 *         .rule(Rule.userSays("hello", "hi").reply("Hello! What would you like?"))
 *         .rule(Rule.userMatches("price of (\\w+)").callTool("menu_lookup", "{\"item\": \"{1}\"}"))
 *         .rule(Rule.toolResult("menu_lookup").reply("Here you go: {result}"))
 *         .fallback("Sorry, I did not get that: {user}")
 *         .build();
 * }</pre>
 *
 * <p>Everything it produces is deterministic: a tool call's id is {@code call_} followed by the number of messages
 * in the request (unique within a conversation that only grows); message ids come from an injectable supplier;
 * token usage is estimated as one token per four characters (rounded up) of each message text and tool-call
 * arguments, plus one per message; the model name is {@value #MODEL}; the finish reason is
 * {@link FinishReason#TOOL_CALLS} when the answer calls a tool and {@link FinishReason#STOP} otherwise.
 *
 * <p>Immutable and thread-safe, provided the functions in its rules are. Its only state is the call counter that
 * {@link Builder#failFirst} and {@link Builder#failEvery} count with.
 *
 * @since 0.1
 */
public final class ScriptedChatModel implements ChatModel {
    /** The model name every response carries. */
    public static final String MODEL = "scripted";

    private static final String DEFAULT_FALLBACK = "I'm sorry, I don't have an answer for that.";
    private static final Pattern WORD = Pattern.compile("\\S+\\s*|\\s+");

    private final List<Rule> rules;
    private final String fallbackText;
    private final Template fallback;
    private final Supplier<MessageId> messageIds;
    private final int failFirst;
    private final int failEvery;
    private final @Nullable Supplier<? extends ProviderException> failure;
    private final AtomicLong calls = new AtomicLong();

    private ScriptedChatModel(Builder builder) {
        this.rules = List.copyOf(builder.rules);
        this.fallbackText = builder.fallback;
        this.fallback = Template.of(builder.fallback, false, Optional.empty());
        this.messageIds = builder.messageIds;
        this.failFirst = builder.failFirst;
        this.failEvery = builder.failEvery;
        this.failure = builder.failure;
    }

    /**
     * Starts a script with no rules, the default fallback text and random message ids.
     *
     * @return a builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this model's script and options, to derive a changed copy. The copy's call counter starts
     * at zero.
     *
     * @return a new builder; never null
     */
    public Builder toBuilder() {
        var builder = new Builder().rules(rules).fallback(fallbackText).messageIds(messageIds);
        builder.failFirst = failFirst;
        builder.failEvery = failEvery;
        builder.failure = failure;
        return builder;
    }

    /**
     * Answers with the first rule that matches, or the fallback text.
     *
     * @param request the conversation, tools and options; never null
     * @return the answer; never null
     * @throws ProviderException when a rule fails the call or a failure is injected
     * @throws IllegalStateException when a rule computes tool arguments or a structured answer that is not JSON
     */
    @Override
    public ChatResponse complete(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        injectFailure();
        for (var rule : rules) {
            var reply = rule.apply(request);
            if (reply.isPresent()) {
                return respond(request, reply.get());
            }
        }
        return respond(request, new Reply.Text(fallback.render(Match.of(request))));
    }

    /**
     * Answers as {@link #complete} does, handing the text to the listener word by word: each piece is a word with
     * the white space after it, so the pieces join to the full text. A tool call without text hands over nothing.
     *
     * @param request the conversation, tools and options; never null
     * @param listener receives the pieces in order, on the calling thread; never null
     * @return the complete answer; never null
     * @throws ProviderException when a rule fails the call or a failure is injected, before any piece
     */
    @Override
    public ChatResponse stream(ChatRequest request, TokenListener listener) {
        Objects.requireNonNull(listener, "listener");
        var response = complete(request);
        var words = WORD.matcher(response.message().text());
        while (words.find()) {
            listener.onToken(words.group());
        }
        return response;
    }

    private void injectFailure() {
        long call = calls.incrementAndGet();
        if (failure != null && (call <= failFirst || (failEvery > 0 && call % failEvery == 0))) {
            throw Objects.requireNonNull(failure.get(), "the injected failure supplier gave null");
        }
    }

    private ChatResponse respond(ChatRequest request, Reply reply) {
        return switch (reply) {
            case Reply.Full full -> full.response();
            case Reply.Text text -> response(request, new Message.Assistant(messageIds.get(), text.text(), List.of()));
            case Reply.Call call -> {
                var toolCall = new ToolCall("call_" + request.messages().size(), call.tool(), call.arguments());
                yield response(request, new Message.Assistant(messageIds.get(), "", List.of(toolCall)));
            }
        };
    }

    private static ChatResponse response(ChatRequest request, Message.Assistant answer) {
        long input = 0;
        for (var message : request.messages()) {
            input += 1 + tokens(message);
        }
        var finish = answer.toolCalls().isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        return new ChatResponse(answer, new TokenUsage(input, tokens(answer)), finish, MODEL, Optional.empty());
    }

    private static long tokens(Message message) {
        long count = tokens(message.text());
        if (message instanceof Message.Assistant assistant) {
            for (var call : assistant.toolCalls()) {
                count += tokens(call.name()) + tokens(call.arguments());
            }
        }
        return count;
    }

    private static long tokens(String text) {
        return (text.length() + 3) / 4;
    }

    /**
     * Builds a {@link ScriptedChatModel}; not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private String fallback = DEFAULT_FALLBACK;
        private Supplier<MessageId> messageIds = MessageId::random;
        private int failFirst;
        private int failEvery;
        private @Nullable Supplier<? extends ProviderException> failure;

        private Builder() {}

        /**
         * Adds a rule after those already added; earlier rules win.
         *
         * @param rule the rule; never null
         * @return this builder
         */
        public Builder rule(Rule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Adds rules in order after those already added.
         *
         * @param more the rules; never null
         * @return this builder
         */
        public Builder rules(List<Rule> more) {
            Objects.requireNonNull(more, "rules").forEach(this::rule);
            return this;
        }

        /**
         * The text answered when no rule matches; it may use {@code {user}} and {@code {result}}. The default is a
         * fixed, polite "I'm sorry, I don't have an answer for that."
         *
         * @param template the text; never null
         * @return this builder
         * @throws IllegalArgumentException when it has a placeholder other than {@code {user}} or {@code {result}}
         */
        public Builder fallback(String template) {
            Template.of(Objects.requireNonNull(template, "fallback"), false, Optional.empty());
            this.fallback = template;
            return this;
        }

        /**
         * Where the ids of answered messages come from; inject a sequence for reproducible tests.
         *
         * @param ids a thread-safe supplier of fresh ids; never null (default {@link MessageId#random()})
         * @return this builder
         */
        public Builder messageIds(Supplier<MessageId> ids) {
            this.messageIds = Objects.requireNonNull(ids, "messageIds");
            return this;
        }

        /**
         * Fails the first {@code calls} calls with the supplied exception before the script answers, to test
         * retries. Replaces an earlier {@link #failEvery} exception supplier; the two counts combine.
         *
         * @param calls how many calls fail, at least 1
         * @param error supplies the exception to throw; never null
         * @return this builder
         * @throws IllegalArgumentException when {@code calls} is not positive
         */
        public Builder failFirst(int calls, Supplier<? extends ProviderException> error) {
            if (calls < 1) {
                throw new IllegalArgumentException("failFirst calls must be positive, was " + calls);
            }
            this.failFirst = calls;
            this.failure = Objects.requireNonNull(error, "error");
            return this;
        }

        /**
         * Fails every {@code n}-th call (call {@code n}, {@code 2n}, …) with the supplied exception, to test
         * circuit breakers and intermittent faults. Replaces an earlier {@link #failFirst} exception supplier; the
         * two counts combine.
         *
         * @param n the period, at least 1 (1 fails every call)
         * @param error supplies the exception to throw; never null
         * @return this builder
         * @throws IllegalArgumentException when {@code n} is not positive
         */
        public Builder failEvery(int n, Supplier<? extends ProviderException> error) {
            if (n < 1) {
                throw new IllegalArgumentException("failEvery n must be positive, was " + n);
            }
            this.failEvery = n;
            this.failure = Objects.requireNonNull(error, "error");
            return this;
        }

        /**
         * Builds the model.
         *
         * @return the immutable model; never null
         */
        public ScriptedChatModel build() {
            return new ScriptedChatModel(this);
        }
    }
}
