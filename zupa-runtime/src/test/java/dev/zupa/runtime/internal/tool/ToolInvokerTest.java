package dev.zupa.runtime.internal.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.message.ToolCall;
import dev.zupa.runtime.internal.tool.ToolOutcome.Status;
import dev.zupa.runtime.tool.FakeToolContext;
import dev.zupa.runtime.tool.Tool;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ToolInvokerTest {
    record AddItem(@NotBlank String item, @Positive int quantity, Optional<String> note) {}

    record NoArguments() {}

    record Misannotated(@Size(max = 3) int quantity) {}

    private static final Duration LONG = Duration.ofMinutes(1);

    private final FakeToolContext context = new FakeToolContext();
    private final Tool<AddItem> addItem = Tool.of(
            "add_item",
            "Adds an item",
            AddItem.class,
            (arguments, ctx) -> "added " + arguments.quantity() + " " + arguments.item()
                    + arguments.note().map(note -> " (" + note + ")").orElse(""));

    @Test
    void runsTheHandlerWithTheArgumentsReadFromJson() {
        var outcome = invoke(addItem, "{\"item\":\"tea\",\"quantity\":2,\"note\":\"no sugar\"}");

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.result()).isEqualTo("added 2 tea (no sugar)");
        assertThat(outcome.callId()).isEqualTo("call-1");
        assertThat(outcome.toolName()).isEqualTo("add_item");
        assertThat(outcome.arguments()).isEqualTo("{\"item\":\"tea\",\"quantity\":2,\"note\":\"no sugar\"}");
        assertThat(outcome.took()).isPositive();
    }

    @Test
    void treatsAbsentAndNullOptionalsAsEmpty() {
        assertThat(invoke(addItem, "{\"item\":\"tea\",\"quantity\":1}").result())
                .isEqualTo("added 1 tea");
        assertThat(invoke(addItem, "{\"item\":\"tea\",\"quantity\":1,\"note\":null}")
                        .result())
                .isEqualTo("added 1 tea");
    }

    @Test
    void readsBlankArgumentsAsAnEmptyObject() {
        var ping = Tool.of("ping", "", NoArguments.class, (arguments, ctx) -> "pong");

        assertThat(invoke(ping, "").result()).isEqualTo("pong");
        assertThat(invoke(ping, "{}").result()).isEqualTo("pong");
    }

    @Test
    void passesTheContextToTheHandler() {
        var remember = Tool.of("remember", "", NoArguments.class, (arguments, ctx) -> {
            ctx.values().put("seen", ctx.user().displayName());
            return "ok " + ctx.session().id();
        });

        assertThat(invoke(remember, "{}").result()).isEqualTo("ok s-1");
        assertThat(context.values().get("seen", String.class)).contains("Ana");
    }

    @Test
    void tellsTheModelAboutAnUnknownTool() {
        var invoker = new ToolInvoker(List.of(addItem), LONG);

        var outcome = invoker.invoke(new ToolCall("call-9", "remove_item", "{}"), context);

        assertThat(outcome.status()).isEqualTo(Status.UNKNOWN_TOOL);
        assertThat(outcome.result()).isEqualTo("error: there is no tool named 'remove_item'; the tools are add_item");
        assertThat(outcome.toolName()).isEqualTo("remove_item");
    }

    @Test
    void reportsMalformedJsonAsInvalidArguments() {
        var outcome = invoke(addItem, "{\"item\":\"tea\",");

        assertThat(outcome.status()).isEqualTo(Status.INVALID_ARGUMENTS);
        assertThat(outcome.result()).startsWith("error: invalid arguments for tool add_item: malformed JSON: ");
        assertThat(invoke(addItem, "[1, 2]").result())
                .isEqualTo("error: invalid arguments for tool add_item: expected a JSON object, got array");
        assertThat(invoke(addItem, "{\"item\":\"tea\",\"quantity\":1} trailing").status())
                .isEqualTo(Status.INVALID_ARGUMENTS);
    }

    @Test
    void reportsConstraintViolationsReadably() {
        var outcome = invoke(addItem, "{\"item\":\"tea\",\"quantity\":0}");

        assertThat(outcome.status()).isEqualTo(Status.INVALID_ARGUMENTS);
        assertThat(outcome.result())
                .isEqualTo("error: invalid arguments for tool add_item: quantity must be greater than 0");
        assertThat(invoke(addItem, "{\"item\":\" \",\"quantity\":-1}").result())
                .isEqualTo("error: invalid arguments for tool add_item: "
                        + "item must not be blank; quantity must be greater than 0");
    }

    @Test
    void reportsMissingNullAndUnknownPropertiesTogether() {
        var outcome = invoke(addItem, "{\"item\":null,\"qty\":2}");

        assertThat(outcome.status()).isEqualTo(Status.INVALID_ARGUMENTS);
        assertThat(outcome.result())
                .isEqualTo("error: invalid arguments for tool add_item: item must not be null; quantity is required; "
                        + "unknown property qty; expected only [item, quantity, note]");
    }

    @Test
    void reportsValuesOfTheWrongType() {
        var outcome = invoke(addItem, "{\"item\":\"tea\",\"quantity\":\"many\"}");

        assertThat(outcome.status()).isEqualTo(Status.INVALID_ARGUMENTS);
        assertThat(outcome.result())
                .startsWith("error: invalid arguments for tool add_item: quantity: ")
                .contains("\"many\"");
    }

    @Test
    void turnsAHandlerExceptionIntoAnErrorForTheModel() {
        var failing = Tool.of("add_item", "", AddItem.class, (arguments, ctx) -> {
            throw new IllegalStateException("tea is out of stock");
        });

        var outcome = invoke(failing, "{\"item\":\"tea\",\"quantity\":1}");

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.result()).isEqualTo("error: tool 'add_item' failed: tea is out of stock");
    }

    @Test
    void namesTheExceptionWhenItHasNoMessage() {
        var failing = Tool.of("ping", "", NoArguments.class, (arguments, ctx) -> {
            throw new UnsupportedOperationException();
        });

        assertThat(invoke(failing, "{}").result())
                .isEqualTo("error: tool 'ping' failed: UnsupportedOperationException");
    }

    @Test
    void treatsANullResultAsAFailure() {
        var silent = Tool.of("ping", "", NoArguments.class, (arguments, ctx) -> nothing());

        var outcome = invoke(silent, "{}");

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.result()).isEqualTo("error: tool 'ping' failed: tool 'ping' returned null");
    }

    @Test
    void interruptsAHandlerThatTimesOut() throws InterruptedException {
        var interrupted = new CountDownLatch(1);
        var slow = Tool.builder("slow", NoArguments.class)
                .handler((arguments, ctx) -> blockUntilInterrupted(interrupted))
                .timeout(Duration.ofMillis(50))
                .build();

        var outcome = invoke(slow, "{}");

        assertThat(outcome.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(outcome.result()).isEqualTo("error: tool 'slow' timed out after 50ms");
        assertInterruptedIfStarted(interrupted);
    }

    @Test
    void appliesTheDefaultTimeoutToToolsWithoutOne() throws InterruptedException {
        var interrupted = new CountDownLatch(1);
        var slow = Tool.of("slow", "", NoArguments.class, (arguments, ctx) -> blockUntilInterrupted(interrupted));
        var invoker = new ToolInvoker(List.of(slow), Duration.ofMillis(20));

        var outcome = invoker.invoke(new ToolCall("call-1", "slow", "{}"), context);

        assertThat(outcome.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(outcome.result()).isEqualTo("error: tool 'slow' timed out after 20ms");
        assertInterruptedIfStarted(interrupted);
    }

    @Test
    void stopsTheToolWhenTheCallerIsInterrupted() {
        var slow = Tool.of(
                "slow", "", NoArguments.class, (arguments, ctx) -> blockUntilInterrupted(new CountDownLatch(1)));

        Thread.currentThread().interrupt();
        var outcome = invoke(slow, "{}");

        assertThat(Thread.interrupted()).as("the interrupt flag is set again").isTrue();
        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.result()).isEqualTo("error: tool 'slow' was interrupted before it finished");
    }

    @Test
    void letsTheBeforeHookReplaceTheArguments() {
        var seen = new AtomicReference<AddItem>();
        var tool = Tool.builder("add_item", AddItem.class)
                .before((arguments, ctx) -> new AddItem(arguments.item().toUpperCase(), 3, Optional.of("from hook")))
                .handler((arguments, ctx) -> {
                    seen.set(arguments);
                    return "added";
                })
                .after((arguments, result, ctx) -> {
                    assertThat(arguments).isSameAs(seen.get());
                    return result;
                })
                .build();

        var outcome = invoke(tool, "{\"item\":\"tea\",\"quantity\":1}");

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(seen.get()).isEqualTo(new AddItem("TEA", 3, Optional.of("from hook")));
    }

    @Test
    void checksTheModelsArgumentsBeforeTheHookRuns() {
        var hookRan = new AtomicReference<Boolean>(false);
        var tool = Tool.builder("add_item", AddItem.class)
                .before((arguments, ctx) -> {
                    hookRan.set(true);
                    return new AddItem("tea", 1, Optional.empty());
                })
                .handler((arguments, ctx) -> "added")
                .build();

        var outcome = invoke(tool, "{\"item\":\"tea\",\"quantity\":0}");

        assertThat(outcome.status()).isEqualTo(Status.INVALID_ARGUMENTS);
        assertThat(hookRan.get()).isFalse();
    }

    @Test
    void letsTheAfterHookReplaceTheResult() {
        var tool = Tool.builder("add_item", AddItem.class)
                .handler((arguments, ctx) -> "added " + arguments.item() + " for card 4111-1111")
                .after((arguments, result, ctx) -> result.replaceAll("\\d{4}-\\d{4}", "****"))
                .build();

        assertThat(invoke(tool, "{\"item\":\"tea\",\"quantity\":1}").result()).isEqualTo("added tea for card ****");
    }

    @Test
    void failsTheCallWhenAHookThrows() {
        var refusing = Tool.builder("add_item", AddItem.class)
                .before((arguments, ctx) -> {
                    throw new IllegalStateException("the kitchen is closed");
                })
                .handler((arguments, ctx) -> "added")
                .build();
        var breaking = Tool.builder("add_item", AddItem.class)
                .handler((arguments, ctx) -> "added")
                .after((arguments, result, ctx) -> {
                    throw new IllegalStateException("cannot format the result");
                })
                .build();

        var refused = invoke(refusing, "{\"item\":\"tea\",\"quantity\":1}");
        var broken = invoke(breaking, "{\"item\":\"tea\",\"quantity\":1}");

        assertThat(refused.status()).isEqualTo(Status.FAILED);
        assertThat(refused.result()).isEqualTo("error: tool 'add_item' failed: the kitchen is closed");
        assertThat(broken.status()).isEqualTo(Status.FAILED);
        assertThat(broken.result()).isEqualTo("error: tool 'add_item' failed: cannot format the result");
    }

    @Test
    void failsTheCallWhenAConstraintCannotBeChecked() {
        var broken = Tool.of("count", "", Misannotated.class, (arguments, ctx) -> "counted");

        var outcome = invoke(broken, "{\"quantity\":1}");

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.result()).startsWith("error: tool 'count' failed: ").contains("Size");
    }

    @Test
    void rejectsTwoToolsWithTheSameName() {
        var other = Tool.of("add_item", "", NoArguments.class, (arguments, ctx) -> "x");

        assertThatThrownBy(() -> new ToolInvoker(List.of(addItem, other), LONG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two tools are named 'add_item'");
        assertThatThrownBy(() -> new ToolInvoker(List.of(addItem), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("defaultTimeout must be positive, was PT0S");
    }

    @Test
    void listsTheSpecsInOrder() {
        var ping = Tool.of("ping", "Answers pong", NoArguments.class, (arguments, ctx) -> "pong");

        var specs = new ToolInvoker(List.of(ping, addItem), LONG).specs();

        assertThat(specs).extracting(spec -> spec.name()).containsExactly("ping", "add_item");
        assertThat(specs.get(0).description()).isEqualTo("Answers pong");
    }

    @Test
    void writesDurationsTheWayPeopleDo() {
        assertThat(ToolInvoker.shortForm(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(ToolInvoker.shortForm(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(ToolInvoker.shortForm(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(ToolInvoker.shortForm(Duration.ofMinutes(2))).isEqualTo("120s");
    }

    private ToolOutcome invoke(Tool<?> tool, String arguments) {
        return new ToolInvoker(List.of(tool), LONG).invoke(new ToolCall("call-1", tool.name(), arguments), context);
    }

    /** Started handlers, so that a test can tell "never interrupted" from "cancelled before it started". */
    private static final java.util.Set<CountDownLatch> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static String blockUntilInterrupted(CountDownLatch interrupted) throws InterruptedException {
        STARTED.add(interrupted);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
        }
        throw new AssertionError("unreachable: the latch is never opened");
    }

    /**
     * A handler that started must have seen the interrupt; on a loaded machine the timeout can pass before the
     * handler's thread runs at all, and a task cancelled before it starts never runs, which is as good.
     */
    private static void assertInterruptedIfStarted(CountDownLatch interrupted) throws InterruptedException {
        if (STARTED.contains(interrupted)) {
            assertThat(interrupted.await(5, TimeUnit.SECONDS))
                    .as("the handler saw the interrupt")
                    .isTrue();
        }
    }

    private static String nothing() {
        return null;
    }
}
