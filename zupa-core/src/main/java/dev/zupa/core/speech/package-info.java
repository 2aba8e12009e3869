/** The speech ports: {@link dev.zupa.core.speech.SpeechToText} for voice in, {@link dev.zupa.core.speech.TextToSpeech} for voice out. */
@NullMarked
package dev.zupa.core.speech;

import org.jspecify.annotations.NullMarked;
