package dev.zupa.adapters.console;

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

class ConsoleTransportFactoryTest {
    @Test
    void serviceLoaderFindsConsole() {
        var names = ServiceLoader.load(TransportFactory.class).stream()
                .map(provider -> provider.get().name())
                .toList();

        assertThat(names).contains("console");
        assertThat(Providers.find(
                        TransportFactory.class,
                        "console",
                        "dev.zupa:zupa-adapters-console",
                        ConsoleTransportFactoryTest.class.getClassLoader()))
                .isInstanceOf(ConsoleTransportFactory.class);
    }

    @Test
    void createsATransportFromSettings() {
        try (var transport = (ConsoleTransport) new ConsoleTransportFactory()
                .create(ProviderConfig.of(Map.of(
                        "address", "+15550002",
                        "voiceDirectory", "build/voice",
                        "agentName", "zupa")))) {
            assertThat(transport.name()).isEqualTo("console");
            assertThat(transport.address()).isEqualTo("+15550002");
            assertThat(transport.voiceDirectory()).isEqualTo(Path.of("build/voice"));
        }
    }

    @Test
    void defaultsWithoutSettings() {
        try (var transport = (ConsoleTransport) new ConsoleTransportFactory().create(ProviderConfig.empty())) {
            assertThat(transport.address()).isEqualTo(ConsoleTransport.DEFAULT_ADDRESS);
            assertThat(transport.voiceDirectory().getFileName()).isEqualTo(Path.of("zupa-console-voice"));
        }
    }

    @Test
    void rejectsBlankSettings() {
        var factory = new ConsoleTransportFactory();

        assertThatThrownBy(() -> factory.create(ProviderConfig.empty().with("agentName", " ")))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("console setting 'agentName' must not be blank");
        assertThatThrownBy(() -> factory.create(ProviderConfig.empty().with("address", "")))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("console setting 'address' must not be blank");
    }
}
