/**
 * Tools the model can call: a {@link dev.zupa.runtime.tool.Tool} binds a name, a record of arguments whose JSON
 * Schema is generated from the record, and a handler, with optional hooks around the handler.
 */
@NullMarked
package dev.zupa.runtime.tool;

import org.jspecify.annotations.NullMarked;
