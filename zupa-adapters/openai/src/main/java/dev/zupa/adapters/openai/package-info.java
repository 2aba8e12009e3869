/**
 * OpenAI (and OpenAI-compatible servers) for Zupa: Chat Completions as a {@link dev.zupa.core.llm.ChatModel}
 * ({@link dev.zupa.adapters.openai.OpenAiChatModel}), transcription as a {@link dev.zupa.core.speech.SpeechToText}
 * ({@link dev.zupa.adapters.openai.OpenAiSpeechToText}) and speech as a {@link dev.zupa.core.speech.TextToSpeech}
 * ({@link dev.zupa.adapters.openai.OpenAiTextToSpeech}), each built in code or created by its factory, found by
 * {@link java.util.ServiceLoader} under the name {@code openai}.
 */
@NullMarked
package dev.zupa.adapters.openai;

import org.jspecify.annotations.NullMarked;
