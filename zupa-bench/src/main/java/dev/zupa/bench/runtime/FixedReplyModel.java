package dev.zupa.bench.runtime;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.message.Message;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** A model that answers every request at once with the same short reply, and measures how long that takes. */
final class FixedReplyModel implements ChatModel {
    static final String REPLY = "ok, noted.";

    private final LongAdder calls = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    @Override
    public ChatResponse complete(ChatRequest request) {
        long start = System.nanoTime();
        var response = new ChatResponse(
                Message.assistant(REPLY), TokenUsage.none(), FinishReason.STOP, "fixed", Optional.empty());
        nanos.add(System.nanoTime() - start);
        calls.increment();
        return response;
    }

    long calls() {
        return calls.sum();
    }

    long nanos() {
        return nanos.sum();
    }
}
