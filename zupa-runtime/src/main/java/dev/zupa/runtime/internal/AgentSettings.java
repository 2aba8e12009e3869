package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.speech.SpeechToText;
import dev.zupa.core.speech.TextToSpeech;
import dev.zupa.core.transport.Transport;
import dev.zupa.engine.Durability;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.runtime.AgentModality;
import dev.zupa.runtime.Limits;
import dev.zupa.runtime.ModalityExtractor;
import dev.zupa.runtime.Replies;
import dev.zupa.runtime.ResponseHook;
import dev.zupa.runtime.SessionSummarizer;
import dev.zupa.runtime.command.Command;
import dev.zupa.runtime.prompt.ContextFunction;
import dev.zupa.runtime.prompt.PromptTemplate;
import dev.zupa.runtime.reply.StructuredReply;
import dev.zupa.runtime.resilience.CallPolicy;
import dev.zupa.runtime.resilience.ProviderRole;
import dev.zupa.runtime.tool.Tool;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything an agent was built with, resolved: the public builder validates, this carries.
 *
 * @param name the agent's name
 * @param prompt the system prompt template
 * @param language the language code
 * @param tools the tools
 * @param replyType the structured reply type, if any
 * @param modality the agent's modality setting
 * @param context the context function, if any
 * @param commands the application's commands
 * @param disabledCommands the built-in commands switched off
 * @param limits the limits
 * @param replies the fixed replies
 * @param model the chat model
 * @param speechToText the transcriber, if any
 * @param textToSpeech the synthesiser, if any
 * @param voice the voice for speech synthesis, if set
 * @param transport the transport
 * @param store the checkpoint store (with the ledger)
 * @param directory the users and sessions
 * @param clock the clock
 * @param ids the id generator
 * @param singleUser the only address served, if restricted
 * @param modalityExtractor the developer's modality hook for dynamic users, if any
 * @param summarizer makes the summary of a session that ends
 * @param responseHook runs after a structured reply is delivered, if any
 * @param durability the turn graph's durability
 * @param callPolicies how each kind of provider is called; roles left out use their defaults
 * @param streamTokens whether model calls stream, handing each piece of text to listeners as it is produced
 */
public record AgentSettings(
        String name,
        PromptTemplate prompt,
        String language,
        List<Tool<?>> tools,
        Optional<Class<? extends StructuredReply>> replyType,
        AgentModality modality,
        Optional<ContextFunction> context,
        Map<String, Command<?>> commands,
        Set<String> disabledCommands,
        Limits limits,
        Replies replies,
        ChatModel model,
        Optional<SpeechToText> speechToText,
        Optional<TextToSpeech> textToSpeech,
        Optional<String> voice,
        Transport transport,
        CheckpointStore store,
        ConversationDirectory directory,
        Clock clock,
        Supplier<String> ids,
        Optional<String> singleUser,
        Optional<ModalityExtractor> modalityExtractor,
        SessionSummarizer summarizer,
        Optional<ResponseHook> responseHook,
        Durability durability,
        Map<ProviderRole, CallPolicy> callPolicies,
        boolean streamTokens) {}
