/**
 * A {@link dev.zupa.core.transport.Transport} on the terminal, for demos and manual tests:
 * {@link dev.zupa.adapters.console.ConsoleTransport} turns each line typed on standard input into an inbound message
 * from a single console user and prints the agent's replies on standard output. Voice is simulated with audio
 * files: {@code /voicenote <path>} sends a file as a voice note, and voice replies are saved as files. The
 * {@code console} provider factory creates one from settings.
 */
@NullMarked
package dev.zupa.adapters.console;

import org.jspecify.annotations.NullMarked;
