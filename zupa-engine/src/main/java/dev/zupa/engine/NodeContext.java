package dev.zupa.engine;

import dev.zupa.engine.channel.Channel;
import java.util.Optional;

/**
 * What a node sees and how it acts: the state at the start of its step, and the writes, routing and events it
 * records. Nothing recorded here takes effect before the step ends; a task that fails leaves no trace.
 *
 * <p>A context belongs to one task and must not be shared with other threads.
 *
 * @since 0.1
 */
public interface NodeContext {
    /**
     * The state as it was when the step started. Writes of this step are not visible in it.
     *
     * @return the immutable state; never null
     */
    State state();

    /**
     * Records one write to a channel, merged through the channel's reducer when the step ends.
     *
     * @param channel a channel declared in the graph; never null
     * @param update the update; never null
     * @param <U> the update type
     * @throws IllegalArgumentException when the channel is not declared in the graph or the update has the wrong type
     */
    <U> void write(Channel<?, U> channel, U update);

    /**
     * Sends the run to these nodes next, in addition to the node's edges.
     *
     * @param nodes node names, or {@link Graph#END}; never null
     * @throws IllegalArgumentException for an unknown node
     */
    void goTo(String... nodes);

    /**
     * Schedules one task of a node in the next step with an argument (map-reduce fan-out). A node may be sent many
     * times in one step; each send is its own task.
     *
     * @param node the node to run; never null
     * @param argument its argument, JSON-serialisable; never null
     * @throws IllegalArgumentException for an unknown node
     */
    void send(String node, Object argument);

    /**
     * The argument this task was sent with.
     *
     * @param type the argument type; never null
     * @param <T> the argument type
     * @return the argument, or empty when the task was triggered by an edge; never null
     */
    <T> Optional<T> argument(Class<T> type);

    /**
     * Pauses the run until outside input arrives. The first time, this throws an internal signal that stops the task
     * (do not catch it); the pause is checkpointed with the payload. When the thread is resumed with a value, the
     * node runs again from the start and this call returns that value. A node may call it several times; the n-th
     * call is answered by the n-th resume.
     *
     * @param payload what the node asks, JSON-serialisable; never null
     * @param answerType the type of the expected answer; never null
     * @param <T> the answer type
     * @return the value the run was resumed with; never null
     */
    <T> T interrupt(Object payload, Class<T> answerType);

    /**
     * Records a ledger entry (a model call, a tool call, a decision). It is stored in the same transaction as the
     * checkpoint of this step, or not at all when the task fails; a task retried or resumed records afresh.
     *
     * @param type what happened, such as {@code tool.call}; never blank
     * @param payload the details; anything Jackson can write; never null
     * @throws IllegalArgumentException when the payload cannot be written as JSON
     */
    void record(String type, Object payload);

    /**
     * Records a keyed ledger entry: at most one entry per {@code (type, key)} is ever stored, which makes it an
     * exactly-once mark committed with the step (a processed message id).
     *
     * @param type what happened; never blank
     * @param key the key, unique per type; never blank
     * @param payload the details; never null
     * @throws IllegalArgumentException when the payload cannot be written as JSON
     */
    void record(String type, String key, Object payload);

    /**
     * Emits a custom event (an LLM token, a progress note) to the run's listeners and stream, at once.
     *
     * @param name the event name; never null
     * @param payload the payload; never null
     */
    void emit(String name, Object payload);

    /**
     * The thread this run belongs to.
     *
     * @return the thread id; never null
     */
    ThreadId threadId();

    /**
     * The name of the running node.
     *
     * @return the node name; never null
     */
    String node();

    /**
     * The task id: stable across retries and resumes of the same step.
     *
     * @return the task id; never null
     */
    String taskId();

    /**
     * The super-step number this task runs in.
     *
     * @return the step
     */
    long step();

    /**
     * The attempt number under the node's retry policy, starting at 1.
     *
     * @return the attempt
     */
    int attempt();
}
