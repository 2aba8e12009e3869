package dev.zupa.adapters.whatsappcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.internal.Providers;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.TransportFactory;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WhatsAppCloudTransportFactoryTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "WHATSAPP_ACCESS_TOKEN", "env-token",
            "WHATSAPP_APP_SECRET", "env-secret",
            "WHATSAPP_VERIFY_TOKEN", "env-verify",
            "WHATSAPP_PHONE_NUMBER_ID", "106540352242922");

    @Test
    void serviceLoaderFindsWhatsAppCloud() {
        var names = ServiceLoader.load(TransportFactory.class).stream()
                .map(provider -> provider.get().name())
                .toList();

        assertThat(names).contains("whatsapp-cloud");
        assertThat(Providers.find(
                        TransportFactory.class,
                        "whatsapp-cloud",
                        "dev.zupa:zupa-adapters-whatsapp-cloud",
                        WhatsAppCloudTransportFactoryTest.class.getClassLoader()))
                .isInstanceOf(WhatsAppCloudTransportFactory.class);
    }

    @Test
    void createsFromEnvironmentVariables() {
        var factory = new WhatsAppCloudTransportFactory(ENVIRONMENT::get);

        try (var transport = (WhatsAppCloudTransport) factory.create(ProviderConfig.empty())) {
            assertThat(transport.name()).isEqualTo("whatsapp-cloud");
            assertThat(transport.toString())
                    .contains("graph=https://graph.facebook.com/v25.0,")
                    .contains("phoneNumberId=106540352242922")
                    .doesNotContain("env-token");
        }
    }

    @Test
    void settingsWinOverTheEnvironmentAndPortOpensTheListener() {
        var factory = new WhatsAppCloudTransportFactory(ENVIRONMENT::get);
        var config = ProviderConfig.of(Map.of(
                "phoneNumberId", "999",
                "port", "0",
                "host", "127.0.0.1",
                "path", "/hooks/wa",
                "apiVersion", "v23.0",
                "graphBaseUrl", "http://127.0.0.1:9",
                "maxWebhookBodyBytes", "2048"));

        try (var transport = (WhatsAppCloudTransport) factory.create(config)) {
            transport.start(new RecordingTransportContext());

            assertThat(transport.listenerAddress()).isPresent();
            assertThat(transport.webhookHandler().maxBodyBytes()).isEqualTo(2048);
            assertThat(transport.toString())
                    .contains("graph=http://127.0.0.1:9/v23.0,")
                    .contains("phoneNumberId=999")
                    .contains("listen=127.0.0.1:0/hooks/wa");
        }
    }

    @Test
    void portFromTheEnvironment() {
        var environment = new java.util.HashMap<>(ENVIRONMENT);
        environment.put("WHATSAPP_WEBHOOK_PORT", "0");
        var factory = new WhatsAppCloudTransportFactory(environment::get);

        try (var transport = (WhatsAppCloudTransport) factory.create(ProviderConfig.of(Map.of("host", "127.0.0.1")))) {
            transport.start(new RecordingTransportContext());
            assertThat(transport.listenerAddress()).isPresent();
        }
    }

    @Test
    void missingRequiredSettingNamesTheSettingAndTheVariable() {
        var factory = new WhatsAppCloudTransportFactory(name -> null);

        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("accessToken", "t", "appSecret", " "))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("whatsapp-cloud needs the setting 'appSecret' or the environment variable "
                        + "WHATSAPP_APP_SECRET");
    }

    @Test
    void invalidSettingIsAConfigurationError() {
        var factory = new WhatsAppCloudTransportFactory(ENVIRONMENT::get);

        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("port", "eighty"))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid whatsapp-cloud setting: port must be a whole number, was 'eighty'");
        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("port", "70000"))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid whatsapp-cloud setting: listenPort must be 0-65535, was 70000");
        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("phoneNumberId", "+1 555"))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid whatsapp-cloud setting: phoneNumberId must be the numeric id, was '+1 555'");
    }
}
