/**
 * The system prompt: a template rendered for each turn with the user, the session and the application's variables.
 */
@NullMarked
package dev.zupa.runtime.prompt;

import org.jspecify.annotations.NullMarked;
