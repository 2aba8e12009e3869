package dev.zupa.adapters.whatsappcloud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandaloneListenerTest {
    @Test
    void queryKeepsTheFirstValueAndSkipsMalformedPairs() {
        var query = StandaloneListener.query("hub.mode=subscribe&hub.verify_token=%zz&hub.mode=other&flag&x=a%2Bb");

        assertThat(query)
                .containsEntry("hub.mode", "subscribe")
                .containsEntry("flag", "")
                .containsEntry("x", "a+b")
                .doesNotContainKey("hub.verify_token");
    }

    @Test
    void emptyQueryHasNoParameters() {
        assertThat(StandaloneListener.query(null)).isEmpty();
        assertThat(StandaloneListener.query("")).isEmpty();
    }
}
