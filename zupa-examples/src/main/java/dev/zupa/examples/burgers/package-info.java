/**
 * A burger-shop ordering assistant: tools that keep the order in the session's values, structured replies that say
 * when an order is confirmed, and an offline script so that it runs without a model key.
 * {@link dev.zupa.examples.burgers.BurgerShopDemo} runs it on the console.
 */
@NullMarked
package dev.zupa.examples.burgers;

import org.jspecify.annotations.NullMarked;
