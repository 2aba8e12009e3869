/**
 * An English-practice tutor: structured replies that carry a correction and the new words of each answer, and tools
 * that keep the learner's vocabulary in the session's values. {@link dev.zupa.examples.tutor.EnglishTutorDemo} runs
 * it on the console.
 */
@NullMarked
package dev.zupa.examples.tutor;

import org.jspecify.annotations.NullMarked;
