package dev.zupa.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.json.JsonCodec;
import dev.zupa.engine.checkpoint.Interrupt;
import dev.zupa.engine.checkpoint.PendingWrite;
import dev.zupa.engine.checkpoint.PlannedTask;
import java.util.ArrayList;
import java.util.List;

/** Reads, from a step's pending writes, the dynamic interrupts that still wait for a resume value. */
final class PendingInterrupts {
    private PendingInterrupts() {}

    /**
     * The interrupts of unfinished tasks whose index is not yet answered by a resume value, in task order. A task
     * with a stored result has finished, whatever it interrupted before.
     */
    static List<Interrupt> unanswered(List<PlannedTask> tasks, List<PendingWrite> pending, JsonCodec codec) {
        var result = new ArrayList<Interrupt>();
        for (var task : tasks) {
            boolean finished = false;
            int answered = 0;
            for (var write : pending) {
                if (write.taskId().equals(task.id())) {
                    finished |= write.kind() == PendingWrite.Kind.RESULT;
                    answered += write.kind() == PendingWrite.Kind.RESUME ? 1 : 0;
                }
            }
            if (finished) {
                continue;
            }
            for (var write : pending) {
                if (write.taskId().equals(task.id())
                        && write.kind() == PendingWrite.Kind.INTERRUPT
                        && write.index() >= answered) {
                    JsonNode payload = codec.decode(write.data(), codec.type(JsonNode.class));
                    result.add(new Interrupt(task.id(), task.node(), Interrupt.Kind.DYNAMIC, payload));
                }
            }
        }
        return result;
    }
}
