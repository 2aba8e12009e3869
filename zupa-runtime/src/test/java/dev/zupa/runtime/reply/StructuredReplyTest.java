package dev.zupa.runtime.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.conversation.Modality;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StructuredReplyTest {
    record Plain(String reply) implements StructuredReply {}

    record Steering(String reply, Optional<Modality> modality, boolean sessionEnded) implements StructuredReply {}

    @Test
    void leavesModalityAndSessionToTheRuntimeByDefault() {
        var reply = new Plain("Hi");

        assertThat(reply.reply()).isEqualTo("Hi");
        assertThat(reply.modality()).isEmpty();
        assertThat(reply.sessionEnded()).isFalse();
    }

    @Test
    void letsARecordDeclareModalityAndSessionEnd() {
        StructuredReply reply = new Steering("Bye", Optional.of(Modality.VOICE), true);

        assertThat(reply.modality()).contains(Modality.VOICE);
        assertThat(reply.sessionEnded()).isTrue();
    }
}
