package dev.zupa.examples;

import dev.zupa.engine.internal.Ids;

/** A fixture for {@link ArchitectureTest}: user code that wrongly reaches into the engine's internals. */
final class ReachesIntoEngineInternals {
    private ReachesIntoEngineInternals() {}

    static String id() {
        return new Ids().get();
    }
}
