package dev.zupa.core.spi;

import dev.zupa.core.speech.SpeechToText;

/**
 * Creates a speech-to-text service by name. Adapters register it in {@code META-INF/services/dev.zupa.core.spi.SpeechToTextFactory}.
 *
 * @since 0.1
 */
public interface SpeechToTextFactory extends ProviderFactory<SpeechToText> {}
