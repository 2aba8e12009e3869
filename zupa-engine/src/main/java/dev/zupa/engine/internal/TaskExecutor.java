package dev.zupa.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.engine.NodeTimeoutException;
import dev.zupa.engine.RunCancelledException;
import dev.zupa.engine.checkpoint.PlannedTask;
import dev.zupa.engine.event.RunEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** Runs the tasks of one step: each under its retry policy and timeout, concurrently on virtual threads. */
final class TaskExecutor {
    private final GraphDefinition definition;
    private final RunScope scope;

    TaskExecutor(GraphDefinition definition, RunScope scope) {
        this.definition = definition;
        this.scope = scope;
    }

    /**
     * Runs the given tasks and waits for all of them, even when one fails: BSP keeps siblings' results.
     *
     * <p>Work sharing rather than a thread per task: the calling thread claims and runs tasks itself, and whoever
     * claims a task first starts one more virtual thread if unclaimed tasks remain. Tasks that block therefore all
     * run concurrently (each claim starts the next helper before running), while a step of quick tasks finishes on
     * the caller before any helper is scheduled, without a thread hand-off or a park per task.
     */
    List<TaskOutcome> runAll(
            List<PlannedTask> tasks,
            List<@Nullable Object> liveArguments,
            StateView state,
            long step,
            ResumeLookup resumes) {
        int count = tasks.size();
        if (count == 1) {
            var task = tasks.get(0);
            return List.of(run(task, liveArguments.get(0), state, step, resumes.valuesFor(task.id())));
        }
        var step0 = new SharedStep(tasks, liveArguments, state, step, resumes, Thread.currentThread());
        step0.work();
        step0.awaitAll();
        var outcomes = new ArrayList<TaskOutcome>(count);
        for (var slot : step0.slots) {
            if (slot == null) {
                throw new RunCancelledException("the run was cancelled while step " + step + " was running");
            }
            outcomes.add(slot);
        }
        return outcomes;
    }

    /** The shared state of one step's tasks between the caller and its helpers. */
    private final class SharedStep {
        private static final long SPIN_NANOS = 50_000;

        final List<PlannedTask> tasks;
        final List<@Nullable Object> arguments;
        final StateView state;
        final long step;
        final ResumeLookup resumes;
        final Thread caller;
        final @Nullable TaskOutcome[] slots;
        final AtomicInteger nextTask = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final ConcurrentLinkedQueue<Thread> helpers = new ConcurrentLinkedQueue<>();

        SharedStep(
                List<PlannedTask> tasks,
                List<@Nullable Object> arguments,
                StateView state,
                long step,
                ResumeLookup resumes,
                Thread caller) {
            this.tasks = tasks;
            this.arguments = arguments;
            this.state = state;
            this.step = step;
            this.resumes = resumes;
            this.caller = caller;
            this.slots = new TaskOutcome[tasks.size()];
        }

        void work() {
            int index;
            while ((index = nextTask.getAndIncrement()) < tasks.size()) {
                if (nextTask.get() < tasks.size()) {
                    // the caller's logging context (its correlation id) follows the step onto the helper thread
                    var logging = MDC.getCopyOfContextMap();
                    helpers.add(Thread.ofVirtual().name("zupa-step-" + step).start(() -> {
                        if (logging != null) {
                            MDC.setContextMap(logging);
                        }
                        work();
                    }));
                }
                var task = tasks.get(index);
                try {
                    slots[index] = run(task, arguments.get(index), state, step, resumes.valuesFor(task.id()));
                } catch (RunCancelledException e) {
                    // the slot stays empty; the caller reports the cancellation
                } finally {
                    if (finished.incrementAndGet() == tasks.size()) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void awaitAll() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (finished.get() < tasks.size()) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    helpers.forEach(Thread::interrupt);
                    Thread.currentThread().interrupt();
                    throw new RunCancelledException("the run was cancelled while step " + step + " was running");
                }
            }
        }
    }

    private TaskOutcome run(
            PlannedTask task, @Nullable Object liveArgument, StateView state, long step, List<JsonNode> resumeValues) {
        var spec = definition.nodes().get(task.node());
        var policy = spec.options().retry();
        long started = System.nanoTime();
        int attempt = 0;
        while (true) {
            attempt++;
            if (scope.emitter().active()) {
                scope.emitter()
                        .emit(new RunEvent.NodeStarted(
                                scope.threadId(), scope.namespace(), step, task.node(), task.id(), attempt));
            }
            var context = new TaskContext(definition, scope, task, liveArgument, state, step, attempt, resumeValues);
            Throwable failure;
            try {
                runAttempt(spec, context);
                var raised = context.raised();
                if (raised.isPresent()) {
                    return finished(
                            step,
                            started,
                            new TaskOutcome.Interrupted(
                                    task, raised.get().index(), raised.get().payload()));
                }
                return finished(step, started, new TaskOutcome.Succeeded(task, context.result()));
            } catch (InterruptSignal signal) {
                return finished(step, started, new TaskOutcome.Interrupted(task, signal.index(), signal.payload()));
            } catch (RunCancelledException e) {
                throw e;
            } catch (Throwable e) {
                failure = e;
            } finally {
                context.close();
            }
            if (failure instanceof VirtualMachineError error) {
                throw error;
            }
            if (failure instanceof InterruptedException
                    || Thread.currentThread().isInterrupted()) {
                // the run's thread was interrupted (a closed stream, a shutdown): a cancellation, never retried
                Thread.currentThread().interrupt();
                var cancelled = new RunCancelledException(
                        "the run was cancelled while node '" + task.node() + "' was running in step " + step);
                cancelled.initCause(failure);
                throw cancelled;
            }
            if (attempt >= policy.maxAttempts() || !policy.retryOn().test(failure)) {
                return finished(step, started, new TaskOutcome.Failed(task, failure, attempt));
            }
            sleep(policy.delayAfter(attempt), step);
        }
    }

    private void runAttempt(GraphDefinition.NodeSpec spec, TaskContext context) throws Exception {
        var timeout = spec.options().timeout();
        if (timeout.isEmpty()) {
            spec.node().run(context);
            return;
        }
        var failure = new Throwable[1];
        var logging = MDC.getCopyOfContextMap();
        var worker = Thread.ofVirtual().name("zupa-task-" + spec.name()).start(() -> {
            if (logging != null) {
                MDC.setContextMap(logging);
            }
            try {
                spec.node().run(context);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        boolean finished;
        try {
            finished = worker.join(timeout.get());
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new RunCancelledException("the run was cancelled while node '" + spec.name() + "' was running");
        }
        if (!finished) {
            context.close();
            worker.interrupt();
            throw new NodeTimeoutException(spec.name(), timeout.get());
        }
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
    }

    private TaskOutcome finished(long step, long startedNanos, TaskOutcome outcome) {
        if (scope.emitter().active()) {
            if (outcome instanceof TaskOutcome.Succeeded s) {
                var writes = new LinkedHashMap<String, List<Object>>();
                for (var write : s.result().writes()) {
                    writes.computeIfAbsent(write.channel(), c -> new ArrayList<>())
                            .add(write.update());
                }
                writes.replaceAll((channel, updates) -> List.copyOf(updates));
                scope.emitter()
                        .emit(new RunEvent.Writes(
                                scope.threadId(),
                                scope.namespace(),
                                step,
                                outcome.task().node(),
                                outcome.task().id(),
                                writes));
            }
            var duration = Duration.ofNanos(System.nanoTime() - startedNanos);
            var kind =
                    switch (outcome) {
                        case TaskOutcome.Succeeded s -> RunEvent.Outcome.SUCCEEDED;
                        case TaskOutcome.Reused r -> RunEvent.Outcome.REUSED;
                        case TaskOutcome.Interrupted i -> RunEvent.Outcome.INTERRUPTED;
                        case TaskOutcome.Failed f -> RunEvent.Outcome.FAILED;
                    };
            var error = outcome instanceof TaskOutcome.Failed f ? String.valueOf(f.error()) : "";
            scope.emitter()
                    .emit(new RunEvent.NodeFinished(
                            scope.threadId(),
                            scope.namespace(),
                            step,
                            outcome.task().node(),
                            outcome.task().id(),
                            duration,
                            kind,
                            error));
        }
        return outcome;
    }

    private static void sleep(Duration delay, long step) {
        try {
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("the run was cancelled while waiting to retry in step " + step);
        }
    }

    /** Resume values stored for a task, oldest first. */
    @FunctionalInterface
    interface ResumeLookup {
        List<JsonNode> valuesFor(String taskId);
    }
}
