package dev.zupa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class SequentialIdsTest {
    @Test
    void producesPaddedIdsInOrder() {
        var ids = SequentialIds.create();

        assertThat(ids.get()).isEqualTo("id-0001");
        assertThat(ids.get()).isEqualTo("id-0002");
        assertThat(SequentialIds.withPrefix("cp").get()).isEqualTo("cp-0001");
        assertThat(ids.count()).isEqualTo(2);
    }

    @Test
    void rejectsABlankPrefix() {
        assertThatThrownBy(() -> SequentialIds.withPrefix(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCallersGetDistinctIds() {
        var ids = SequentialIds.create();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2000; i++) {
                executor.submit(() -> seen.add(ids.get()));
            }
        }

        assertThat(seen).hasSize(2000).contains("id-0001", "id-2000");
    }
}
