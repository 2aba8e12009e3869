/**
 * What users and adapter authors test with: the {@link dev.zupa.testkit.CheckpointStoreContract} suite every
 * checkpoint store must pass, store wrappers that count or inject failures, a {@link dev.zupa.testkit.ManualClock}
 * and predictable {@link dev.zupa.testkit.SequentialIds}.
 */
@NullMarked
package dev.zupa.testkit;

import org.jspecify.annotations.NullMarked;
