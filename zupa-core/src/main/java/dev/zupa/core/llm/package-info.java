/**
 * The language-model port: {@link dev.zupa.core.llm.ChatModel} and the values it takes and returns. Vendor adapters
 * implement it; the runtime calls it under its resilience policy.
 */
@NullMarked
package dev.zupa.core.llm;

import org.jspecify.annotations.NullMarked;
