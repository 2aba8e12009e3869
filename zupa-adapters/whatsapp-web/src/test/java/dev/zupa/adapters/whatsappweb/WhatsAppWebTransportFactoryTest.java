package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.internal.Providers;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.TransportFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class WhatsAppWebTransportFactoryTest {
    @Test
    void serviceLoaderFindsWhatsappWeb() {
        var names = ServiceLoader.load(TransportFactory.class).stream()
                .map(provider -> provider.get().name())
                .toList();

        assertThat(names).contains("whatsapp-web");
        assertThat(Providers.find(
                        TransportFactory.class,
                        "whatsapp-web",
                        "dev.zupa:zupa-adapters-whatsapp-web",
                        WhatsAppWebTransportFactoryTest.class.getClassLoader()))
                .isInstanceOf(WhatsAppWebTransportFactory.class);
    }

    @Test
    void createsATransportFromSettings() {
        try (var transport = (WhatsAppWebTransport) new WhatsAppWebTransportFactory()
                .create(ProviderConfig.of(Map.of(
                        "node", "/usr/local/bin/node",
                        "sidecarDirectory", "/opt/zupa/sidecar",
                        "authDirectory", "/var/lib/zupa/auth",
                        "clientId", "tenant-42",
                        "readyTimeout", "PT3M",
                        "restartBackoffInitial", "PT2S")))) {
            assertThat(transport.name()).isEqualTo("whatsapp-web");
            assertThat(transport.sidecarDirectory()).isEqualTo(Path.of("/opt/zupa/sidecar"));
            assertThat(transport.authDirectory()).isEqualTo(Path.of("/var/lib/zupa/auth"));
        }
    }

    @Test
    void defaultsWithoutSettings() {
        try (var transport = (WhatsAppWebTransport) new WhatsAppWebTransportFactory().create(ProviderConfig.empty())) {
            assertThat(transport.sidecarDirectory()).isEqualTo(Path.of(".zupa", "whatsapp-web", "sidecar"));
            assertThat(transport.authDirectory()).isEqualTo(Path.of(".zupa", "whatsapp-web", "auth"));
        }
    }

    @Test
    void namesTheSettingThatIsWrong() {
        var factory = new WhatsAppWebTransportFactory();

        assertThatThrownBy(() -> factory.create(ProviderConfig.empty().with("readyTimeout", "2 minutes")))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageStartingWith("whatsapp-web setting 'readyTimeout' is not valid: '2 minutes'");
        assertThatThrownBy(() -> factory.create(ProviderConfig.empty().with("clientId", "tenant 42")))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("whatsapp-web setting 'clientId' is not valid: clientId may hold only letters, digits,"
                        + " '_' and '-', was 'tenant 42'");
        assertThatThrownBy(() -> factory.create(ProviderConfig.empty().with("node", " ")))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("whatsapp-web setting 'node' must not be blank");
        assertThatThrownBy(() -> factory.create(ProviderConfig.empty()
                        .with("restartBackoffInitial", "PT2M")
                        .with("restartBackoffMax", "PT1M")))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("whatsapp-web setting 'restartBackoffInitial/restartBackoffMax' is not valid: the longest"
                        + " restart delay (PT1M) is shorter than the first (PT2M)");
    }
}
