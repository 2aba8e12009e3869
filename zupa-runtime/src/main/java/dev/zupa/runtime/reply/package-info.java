/**
 * Structured replies: a record implementing {@link dev.zupa.runtime.reply.StructuredReply} describes the JSON answer
 * an agent asks the model for, with the text to send and optional signals such as the modality.
 */
@NullMarked
package dev.zupa.runtime.reply;

import org.jspecify.annotations.NullMarked;
