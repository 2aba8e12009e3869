package dev.zupa.adapters.whatsappcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.transport.TransportEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Builder validation and the lifecycle. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WhatsAppCloudTransportTest {
    @Test
    void buildNamesEveryMissingSetting() {
        assertThatThrownBy(
                        () -> WhatsAppCloudTransport.builder().accessToken("t").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a WhatsApp Cloud transport needs appSecret, verifyToken, phoneNumberId");
    }

    @Test
    void settersRejectBadValuesNamingThem() {
        var builder = WhatsAppCloudTransport.builder();

        assertThatThrownBy(() -> builder.accessToken(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accessToken must not be blank");
        assertThatThrownBy(() -> builder.apiVersion("25"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiVersion must look like v25.0, was '25'");
        assertThatThrownBy(() -> builder.graphBaseUrl("graph.facebook.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graphBaseUrl must be an http or https URL");
        assertThatThrownBy(() -> builder.maxWebhookBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWebhookBodyBytes must be positive, was 0");
        assertThatThrownBy(() -> builder.listenPath("webhook"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listenPath must be an absolute path, was 'webhook'");
        assertThatThrownBy(() -> builder.listenPort(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listenPort must be 0-65535, was -1");
    }

    @Test
    void startReportsReadyAndRefusesASecondStart() {
        var context = new RecordingTransportContext();
        try (var transport = Fixtures.transport().build()) {
            transport.start(context);

            assertThat(context.events).containsExactly(new TransportEvent.Ready());
            assertThat(transport.listenerAddress()).isEmpty();
            assertThatThrownBy(() -> transport.start(context))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the WhatsApp Cloud transport was already started");
        }
    }

    @Test
    void closeIsIdempotentAndAClosedTransportCannotStart() {
        var transport = Fixtures.transport().build();
        transport.close();
        transport.close();

        assertThatThrownBy(() -> transport.start(new RecordingTransportContext()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the WhatsApp Cloud transport is closed");
    }

    @Test
    void portInUseIsAConfigurationErrorNamingThePort() {
        try (var first =
                Fixtures.transport().listenHost("127.0.0.1").listenPort(0).build()) {
            first.start(new RecordingTransportContext());
            int port = first.listenerAddress().orElseThrow().getPort();
            try (var second = Fixtures.transport()
                    .listenHost("127.0.0.1")
                    .listenPort(port)
                    .build()) {
                assertThatThrownBy(() -> second.start(new RecordingTransportContext()))
                        .isInstanceOf(ZupaConfigurationException.class)
                        .hasMessageContaining("cannot listen for WhatsApp webhooks on 127.0.0.1:" + port);
                assertThatThrownBy(() -> second.start(new RecordingTransportContext()))
                        .isInstanceOf(ZupaConfigurationException.class);
            }
        }
    }
}
