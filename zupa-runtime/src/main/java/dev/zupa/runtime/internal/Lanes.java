package dev.zupa.runtime.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane per user: its messages are answered one turn at a time, in arrival order, on a virtual thread that exists
 * only while the lane has work. Messages that arrive while a turn runs (or within the debounce window) are answered
 * together by the next turn; a slash command is always a turn of its own.
 */
final class Lanes {
    private static final Logger log = LoggerFactory.getLogger(Lanes.class);

    private final Map<String, ArrayDeque<Received>> queues = new HashMap<>();
    private final Duration debounce;
    private final Consumer<List<Received>> turn;

    Lanes(Duration debounce, Consumer<List<Received>> turn) {
        this.debounce = debounce;
        this.turn = turn;
    }

    void enqueue(String lane, Received received) {
        boolean start;
        synchronized (this) {
            var queue = queues.get(lane);
            start = queue == null;
            if (start) {
                queue = new ArrayDeque<>();
                queues.put(lane, queue);
            }
            queue.add(received);
        }
        if (start) {
            Thread.ofVirtual().name("zupa-lane-" + lane).start(() -> drain(lane));
        }
    }

    synchronized int active() {
        return queues.size();
    }

    private void drain(String lane) {
        if (!debounce.isZero()) {
            try {
                Thread.sleep(debounce);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (true) {
            List<Received> batch;
            synchronized (this) {
                var queue = queues.get(lane);
                batch = take(queue);
                if (batch.isEmpty()) {
                    queues.remove(lane);
                    return;
                }
            }
            try {
                turn.accept(batch);
            } catch (RuntimeException | Error e) {
                log.error("a turn of lane {} failed outside the turn's own error handling", lane, e);
            }
        }
    }

    private static List<Received> take(ArrayDeque<Received> queue) {
        var batch = new ArrayList<Received>();
        while (!queue.isEmpty()) {
            var next = queue.peek();
            if (next.isCommand() && !batch.isEmpty()) {
                break;
            }
            batch.add(queue.poll());
            if (next.isCommand()) {
                break;
            }
        }
        return batch;
    }
}
