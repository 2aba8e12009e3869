package dev.zupa.core.spi;

import dev.zupa.core.speech.TextToSpeech;

/**
 * Creates a text-to-speech service by name. Adapters register it in {@code META-INF/services/dev.zupa.core.spi.TextToSpeechFactory}.
 *
 * @since 0.1
 */
public interface TextToSpeechFactory extends ProviderFactory<TextToSpeech> {}
