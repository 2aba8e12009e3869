package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.statusWebhook;
import static dev.zupa.adapters.whatsappcloud.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.transport.TransportEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PROVIDERS.md section 6.3 case 3: Meta delivers at least once. The transport passes every redelivery on with the
 * same wamid, and the runtime's deduplication (here a {@link DeduplicatingContext} over a set that outlives the
 * transport, as a database would) sees each message once, also after a restart.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedeliveryTest {
    private final Set<String> persistentStore = ConcurrentHashMap.newKeySet();

    @Test
    void duplicateWamidIsPassedThroughAndTheDeduplicatingContextSeesItOnce() {
        var raw = new RecordingTransportContext();
        var runtime = new RecordingTransportContext();
        var tap = new TeeContext(raw, new DeduplicatingContext(persistentStore, runtime));
        try (var transport =
                Fixtures.transport().listenHost("127.0.0.1").listenPort(0).build()) {
            transport.start(tap);
            var client = new WebhookClient(transport);
            byte[] body = vector("text-example-a.json");

            assertThat(client.signedPost(body).statusCode()).isEqualTo(200);
            assertThat(client.signedPost(body).statusCode()).isEqualTo(200);
        }

        assertThat(raw.deliveredIds()).containsExactly("wamid.TEST0001", "wamid.TEST0001");
        assertThat(runtime.deliveredIds()).containsExactly("wamid.TEST0001");
    }

    @Test
    void duplicateArrivingAfterARestartIsStillSeenOnce() {
        var runtime = new RecordingTransportContext();
        byte[] body = vector("voice-note.json");
        try (var before = Fixtures.transport().build()) {
            before.start(new DeduplicatingContext(persistentStore, runtime));
            assertThat(Fixtures.post(before, body).status()).isEqualTo(200);
        }
        try (var after = Fixtures.transport().build()) {
            after.start(new DeduplicatingContext(persistentStore, runtime));
            assertThat(Fixtures.post(after, body).status()).isEqualTo(200);
        }

        assertThat(runtime.deliveredIds()).containsExactly("wamid.TEST0002");
    }

    @Test
    void duplicateStatusAfterARestartIsStillSeenOnce() {
        var runtime = new RecordingTransportContext();
        byte[] body = statusWebhook("wamid.OUT0601", "delivered", 1767312000);
        for (int restart = 0; restart < 2; restart++) {
            try (var transport = Fixtures.transport().build()) {
                transport.start(new DeduplicatingContext(persistentStore, runtime));
                Fixtures.post(transport, body);
            }
        }

        assertThat(runtime.events(TransportEvent.DeliveryStatus.class)).hasSize(1);
    }

    /** Hands each delivery to two contexts, so the test sees what the transport passed on before dedup. */
    private record TeeContext(RecordingTransportContext first, dev.zupa.core.transport.TransportContext second)
            implements dev.zupa.core.transport.TransportContext {
        @Override
        public void deliver(dev.zupa.core.transport.InboundMessage message) {
            first.deliver(message);
            second.deliver(message);
        }

        @Override
        public void event(TransportEvent event) {
            first.event(event);
            second.event(event);
        }
    }
}
