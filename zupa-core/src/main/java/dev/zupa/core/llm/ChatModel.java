package dev.zupa.core.llm;

/**
 * The port to a language model: one request in, one assistant message (text, tool calls or both) out.
 *
 * <p>Implementations are thread-safe and blocking; callers run on virtual threads and apply timeouts, retries and
 * circuit breakers around the call, so an implementation makes exactly one attempt per call. Failures are thrown as
 * {@link dev.zupa.core.provider.ProviderException} with the right kind, so that the caller can tell a rate limit
 * (retry after a while) from a bad request (never retry). A call is not idempotent on the vendor's side (it is
 * billed), but has no other effect, so retrying a transient failure is safe.
 *
 * @since 0.1
 */
public interface ChatModel {
    /**
     * Asks the model once.
     *
     * @param request the conversation, tools and options; never null
     * @return the model's answer; never null
     * @throws dev.zupa.core.provider.ProviderException when the call fails
     */
    ChatResponse complete(ChatRequest request);

    /**
     * Asks the model once and hands text over as it is produced. The default calls {@link #complete} and reports
     * the whole text as one token; adapters that can stream override it.
     *
     * @param request the conversation, tools and options; never null
     * @param listener receives text pieces in order, on the calling thread; never null
     * @return the complete answer, as {@link #complete} would return it; never null
     * @throws dev.zupa.core.provider.ProviderException when the call fails, also after some tokens were delivered
     */
    default ChatResponse stream(ChatRequest request, TokenListener listener) {
        var response = complete(request);
        if (!response.message().text().isEmpty()) {
            listener.onToken(response.message().text());
        }
        return response;
    }
}
