/**
 * Slash commands: {@code /help}, {@code /reset}, {@code /text}, {@code /voice}, {@code /mirror}, {@code /dynamic} and
 * the ones an application adds. A command turn makes no model call.
 */
@NullMarked
package dev.zupa.runtime.command;

import org.jspecify.annotations.NullMarked;
