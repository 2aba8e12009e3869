package dev.zupa.runtime.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.runtime.internal.tool.RecordSchemas;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A tool the model can call. Its arguments are a record: the JSON Schema the model sees is generated from the
 * record's components, and the JSON the model sends is read back into the record and checked before the handler
 * runs.
 *
 * <pre>{@code
 * record AddItem(@NotBlank String item, @Positive int quantity, Optional<String> note) {}
 *
 * Tool<AddItem> addItem = Tool.builder("add_item", AddItem.class)
 *         .description("Adds an item to the user's order")
 *         .handler((args, context) -> order.add(args.item(), args.quantity()))
 *         .build();
 * }</pre>
 *
 * <p>How the record becomes a schema:
 *
 * <ul>
 *   <li>every component is required except those of type {@code Optional}, and no other properties are allowed;
 *   <li>{@code @JsonProperty} renames a property and {@code @JsonPropertyDescription} describes it for the model;
 *   <li>Jakarta constraints ({@code @NotBlank}, {@code @Size}, {@code @Min}, {@code @Max}, {@code @Positive},
 *       {@code @Pattern}, ...) appear as schema keywords, and the arguments are checked against them before the
 *       handler runs; nested records are checked when their component is annotated {@code @Valid};
 *   <li>strings, numbers, booleans, enums, lists, nested records, {@code Instant} and {@code LocalDate} are
 *       supported.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <A> the record type of the arguments
 * @since 0.1
 */
public final class Tool<A extends Record> {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private final String name;
    private final String description;
    private final Class<A> argumentsType;
    private final ToolHandler<A> handler;
    private final BeforeHook<A> before;
    private final AfterHook<A> after;
    private final Optional<Duration> timeout;
    private final ObjectNode parameters;

    private Tool(Builder<A> builder, ToolHandler<A> handler) {
        this.name = builder.name;
        this.description = builder.description;
        this.argumentsType = builder.argumentsType;
        this.handler = handler;
        this.before = builder.before;
        this.after = builder.after;
        this.timeout = builder.timeout;
        this.parameters = RecordSchemas.forTool(argumentsType);
    }

    /**
     * Starts a tool.
     *
     * @param name the name the model calls the tool by: 1 to 64 letters, digits, {@code _} or {@code -}; never null
     * @param argumentsType the record the arguments are read into; never null
     * @param <A> the record type of the arguments
     * @return a builder; never null
     * @throws IllegalArgumentException when the name is invalid or the type is not a record
     */
    public static <A extends Record> Builder<A> builder(String name, Class<A> argumentsType) {
        return new Builder<>(name, argumentsType);
    }

    /**
     * A tool with a handler and no hooks, under the runtime's default timeout.
     *
     * @param name the name the model calls the tool by: 1 to 64 letters, digits, {@code _} or {@code -}; never null
     * @param description what the tool does, for the model; never null
     * @param argumentsType the record the arguments are read into; never null
     * @param handler what the tool does; never null
     * @param <A> the record type of the arguments
     * @return the tool; never null
     * @throws IllegalArgumentException when the name is invalid or the type is not a record
     */
    public static <A extends Record> Tool<A> of(
            String name, String description, Class<A> argumentsType, ToolHandler<A> handler) {
        return builder(name, argumentsType)
                .description(description)
                .handler(handler)
                .build();
    }

    /**
     * The name the model calls the tool by.
     *
     * @return the name; never null
     */
    public String name() {
        return name;
    }

    /**
     * What the tool does, for the model.
     *
     * @return the description, empty when none was given; never null
     */
    public String description() {
        return description;
    }

    /**
     * The record the arguments are read into.
     *
     * @return the record type; never null
     */
    public Class<A> argumentsType() {
        return argumentsType;
    }

    /**
     * What the tool does.
     *
     * @return the handler; never null
     */
    public ToolHandler<A> handler() {
        return handler;
    }

    /**
     * The hook run before the handler; one that keeps the arguments when none was set.
     *
     * @return the hook; never null
     */
    public BeforeHook<A> before() {
        return before;
    }

    /**
     * The hook run after the handler; one that keeps the result when none was set.
     *
     * @return the hook; never null
     */
    public AfterHook<A> after() {
        return after;
    }

    /**
     * The longest a call may take, hooks included.
     *
     * @return the timeout, or empty for the runtime's default; never null
     */
    public Optional<Duration> timeout() {
        return timeout;
    }

    /**
     * The tool as the model sees it: name, description and the JSON Schema of the arguments.
     *
     * @return a new spec with its own copy of the schema; never null
     */
    public ToolSpec spec() {
        return new ToolSpec(name, description, parameters.deepCopy());
    }

    @Override
    public String toString() {
        return "Tool[" + name + "(" + argumentsType.getSimpleName() + ")]";
    }

    /**
     * Builds a {@link Tool}; not thread-safe.
     *
     * @param <A> the record type of the arguments
     * @since 0.1
     */
    public static final class Builder<A extends Record> {
        private final String name;
        private final Class<A> argumentsType;
        private String description = "";
        private @Nullable ToolHandler<A> handler;
        private BeforeHook<A> before = (arguments, context) -> arguments;
        private AfterHook<A> after = (arguments, result, context) -> result;
        private Optional<Duration> timeout = Optional.empty();

        private Builder(String name, Class<A> argumentsType) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsType, "argumentsType");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "tool name must be 1-64 letters, digits, '_' or '-', was '" + name + "'");
            }
            if (!argumentsType.isRecord()) {
                throw new IllegalArgumentException(
                        "the arguments of tool '" + name + "' must be a record, was " + argumentsType.getName());
            }
            this.name = name;
            this.argumentsType = argumentsType;
        }

        /**
         * Says what the tool does; the model reads this to decide when to call it.
         *
         * @param text the description; never null
         * @return this builder
         */
        public Builder<A> description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * Sets what the tool does. Required.
         *
         * @param toolHandler the handler; never null
         * @return this builder
         */
        public Builder<A> handler(ToolHandler<A> toolHandler) {
            this.handler = Objects.requireNonNull(toolHandler, "handler");
            return this;
        }

        /**
         * Sets a hook to run before the handler, which may replace the arguments.
         *
         * @param hook the hook; never null
         * @return this builder
         */
        public Builder<A> before(BeforeHook<A> hook) {
            this.before = Objects.requireNonNull(hook, "before");
            return this;
        }

        /**
         * Sets a hook to run after the handler, which may replace the result.
         *
         * @param hook the hook; never null
         * @return this builder
         */
        public Builder<A> after(AfterHook<A> hook) {
            this.after = Objects.requireNonNull(hook, "after");
            return this;
        }

        /**
         * Sets the longest a call may take, hooks included, instead of the runtime's default. A call that takes
         * longer is interrupted and the model is told it timed out.
         *
         * @param limit the timeout; never null, positive
         * @return this builder
         * @throws IllegalArgumentException when the timeout is zero or negative
         */
        public Builder<A> timeout(Duration limit) {
            Objects.requireNonNull(limit, "timeout");
            if (limit.isZero() || limit.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, was " + limit);
            }
            this.timeout = Optional.of(limit);
            return this;
        }

        /**
         * Builds the tool and generates its schema.
         *
         * @return the tool; never null
         * @throws IllegalStateException when no handler was set
         * @throws IllegalArgumentException when no JSON Schema can be generated for the arguments record
         */
        public Tool<A> build() {
            if (handler == null) {
                throw new IllegalStateException("tool '" + name + "' needs a handler");
            }
            return new Tool<>(this, handler);
        }
    }
}
