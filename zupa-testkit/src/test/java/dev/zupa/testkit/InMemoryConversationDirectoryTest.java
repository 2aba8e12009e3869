package dev.zupa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.conversation.ConversationDirectory;
import org.junit.jupiter.api.Test;

/** The reference directory passes its own contract. */
class InMemoryConversationDirectoryTest extends ConversationDirectoryContract {
    @Override
    protected ConversationDirectory createDirectory() {
        return ConversationDirectory.inMemory();
    }

    @Test
    void eachCallMakesANewEmptyDirectory() {
        try (var other = ConversationDirectory.inMemory()) {
            assertThat(other).isNotSameAs(directory());
            assertThat(other.activeSessions(10)).isEmpty();
        }
    }
}
