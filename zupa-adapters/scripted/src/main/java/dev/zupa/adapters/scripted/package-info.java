/**
 * An offline, rule-driven {@link dev.zupa.core.llm.ChatModel}: {@link dev.zupa.adapters.scripted.ScriptedChatModel}
 * answers each request with the first {@link dev.zupa.adapters.scripted.Rule} whose condition matches the
 * conversation, so that demos run with no key and no network and tests get reproducible replies, tool calls,
 * structured answers and injected failures. The {@code scripted} provider factory serves a small echo script.
 */
@NullMarked
package dev.zupa.adapters.scripted;

import org.jspecify.annotations.NullMarked;
