/**
 * What lets the examples run with no key and no network: a speech-to-text and a text-to-speech that only pretend
 * ({@link dev.zupa.examples.offline.FakeAudio} carries the words inside the "audio"), and
 * {@link dev.zupa.examples.offline.ConsoleDemo}, which runs an agent on the terminal until the input ends.
 */
@NullMarked
package dev.zupa.examples.offline;

import org.jspecify.annotations.NullMarked;
