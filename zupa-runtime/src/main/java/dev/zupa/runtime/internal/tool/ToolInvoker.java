package dev.zupa.runtime.internal.tool;

import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.ToolCall;
import dev.zupa.runtime.internal.tool.ToolOutcome.Status;
import dev.zupa.runtime.tool.Tool;
import dev.zupa.runtime.tool.ToolContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the model's tool calls against a set of tools. A call reads and checks the arguments, then runs the before
 * hook, the handler and the after hook on a virtual thread under the tool's timeout (or the default one), and
 * interrupts that thread when the timeout passes.
 *
 * <p>Nothing a tool or the model does makes {@link #invoke} throw: an unknown tool, bad arguments, a failing
 * handler or hook, and a timeout each become an outcome whose result tells the model what went wrong, so the turn
 * goes on. Immutable and thread-safe; calls may run concurrently.
 */
public final class ToolInvoker {
    private static final Logger log = LoggerFactory.getLogger(ToolInvoker.class);

    private final Map<String, Bound<?>> tools = new LinkedHashMap<>();
    private final Duration defaultTimeout;

    /**
     * Creates an invoker.
     *
     * @param tools the tools the model may call, with unique names; never null
     * @param defaultTimeout the timeout of tools that set none; positive
     * @throws IllegalArgumentException when two tools share a name or the timeout is not positive
     */
    public ToolInvoker(List<? extends Tool<?>> tools, Duration defaultTimeout) {
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        if (defaultTimeout.isZero() || defaultTimeout.isNegative()) {
            throw new IllegalArgumentException("defaultTimeout must be positive, was " + defaultTimeout);
        }
        for (var tool : tools) {
            Objects.requireNonNull(tool, "tool");
            if (this.tools.putIfAbsent(tool.name(), bind(tool)) != null) {
                throw new IllegalArgumentException("two tools are named '" + tool.name() + "'");
            }
        }
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * The tools as the model sees them, in the order they were given.
     *
     * @return the specs; never null
     */
    public List<ToolSpec> specs() {
        return tools.values().stream().map(bound -> bound.tool().spec()).toList();
    }

    /**
     * Runs one call and waits for it, at most the tool's timeout.
     *
     * <p>When the calling thread is interrupted while it waits, the tool is interrupted too, the outcome is
     * {@link Status#FAILED} and the calling thread's interrupt flag is set again.
     *
     * @param call the model's call; never null
     * @param context the turn's context, passed to the hooks and the handler; never null
     * @return the outcome; never null
     */
    public ToolOutcome invoke(ToolCall call, ToolContext context) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(context, "context");
        long started = System.nanoTime();
        var bound = tools.get(call.name());
        if (bound == null) {
            log.debug("the model called unknown tool '{}' (call {})", call.name(), call.id());
            return outcome(
                    call,
                    Status.UNKNOWN_TOOL,
                    "error: there is no tool named '" + call.name() + "'; the tools are "
                            + String.join(", ", tools.keySet()),
                    started);
        }
        return readAndRun(bound, call, context, started);
    }

    private <A extends Record> ToolOutcome readAndRun(
            Bound<A> bound, ToolCall call, ToolContext context, long started) {
        Parsed<A> parsed;
        try {
            parsed = bound.reader().read(call.arguments());
        } catch (RuntimeException e) {
            // a constraint the validator cannot apply (@Size on an int): the tool's bug, which must not end the turn
            log.error("tool '{}' could not check its arguments (call {})", call.name(), call.id(), e);
            return outcome(call, Status.FAILED, "error: tool '" + call.name() + "' failed: " + reason(e), started);
        }
        return switch (parsed) {
            case Parsed.Invalid<A> invalid -> {
                log.debug("tool '{}' got invalid arguments (call {}): {}", call.name(), call.id(), invalid.problems());
                yield outcome(
                        call,
                        Status.INVALID_ARGUMENTS,
                        "error: invalid arguments for tool " + call.name() + ": "
                                + String.join("; ", invalid.problems()),
                        started);
            }
            case Parsed.Valid<A> valid -> run(bound.tool(), valid.value(), call, context, started);
        };
    }

    private <A extends Record> ToolOutcome run(
            Tool<A> tool, A arguments, ToolCall call, ToolContext context, long started) {
        var timeout = tool.timeout().orElse(defaultTimeout);
        // the handler's log lines carry the turn's correlation id
        var logging = MDC.getCopyOfContextMap();
        var task = new FutureTask<>(() -> {
            if (logging != null) {
                MDC.setContextMap(logging);
            }
            return handle(tool, arguments, context);
        });
        Thread.ofVirtual().name("zupa-tool-" + tool.name()).start(task);
        try {
            task.get(nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the state below tells what happened; cancelling interrupts the handler only if it is still running
            task.cancel(true);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return outcome(
                    call,
                    Status.FAILED,
                    "error: tool '" + tool.name() + "' was interrupted before it finished",
                    started);
        }
        return switch (task.state()) {
            case SUCCESS -> outcome(call, Status.SUCCEEDED, task.resultNow(), started);
            case FAILED -> {
                var cause = task.exceptionNow();
                log.warn("tool '{}' failed (call {})", tool.name(), call.id(), cause);
                yield outcome(
                        call, Status.FAILED, "error: tool '" + tool.name() + "' failed: " + reason(cause), started);
            }
            case CANCELLED -> {
                log.warn(
                        "tool '{}' timed out after {} and was interrupted (call {})",
                        tool.name(),
                        shortForm(timeout),
                        call.id());
                yield outcome(
                        call,
                        Status.TIMED_OUT,
                        "error: tool '" + tool.name() + "' timed out after " + shortForm(timeout),
                        started);
            }
            case RUNNING -> throw new IllegalStateException("tool '" + tool.name() + "' still runs after cancel");
        };
    }

    /** Before hook, handler, after hook: everything that runs on the tool's thread and under its timeout. */
    private static <A extends Record> String handle(Tool<A> tool, A arguments, ToolContext context) throws Exception {
        var actual = Objects.requireNonNull(
                tool.before().before(arguments, context),
                () -> "the before hook of tool '" + tool.name() + "' returned null");
        var result = Objects.requireNonNull(
                tool.handler().handle(actual, context), () -> "tool '" + tool.name() + "' returned null");
        return Objects.requireNonNull(
                tool.after().after(actual, result, context),
                () -> "the after hook of tool '" + tool.name() + "' returned null");
    }

    private static ToolOutcome outcome(ToolCall call, Status status, String result, long started) {
        return new ToolOutcome(
                call.id(),
                call.name(),
                call.arguments(),
                result,
                status,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static String reason(Throwable cause) {
        var message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** "2s", "250ms", "1.5s": what a model reads more easily than {@code PT1.5S}. */
    static String shortForm(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static long nanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static <A extends Record> Bound<A> bind(Tool<A> tool) {
        return new Bound<>(tool, RecordReader.of(tool.argumentsType(), true));
    }

    /** A tool with the reader of its arguments, typed together so that neither needs a cast. */
    private record Bound<A extends Record>(Tool<A> tool, RecordReader<A> reader) {}
}
