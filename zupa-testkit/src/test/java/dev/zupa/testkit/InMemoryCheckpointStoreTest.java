package dev.zupa.testkit;

import dev.zupa.engine.checkpoint.CheckpointStore;

/** The reference store passes its own contract. */
class InMemoryCheckpointStoreTest extends CheckpointStoreContract {
    @Override
    protected CheckpointStore createStore() {
        return CheckpointStore.inMemory();
    }
}
