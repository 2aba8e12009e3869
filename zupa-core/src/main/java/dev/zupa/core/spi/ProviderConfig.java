package dev.zupa.core.spi;

import dev.zupa.core.ZupaConfigurationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings handed to a {@link ProviderFactory}: plain string properties, from code or from the environment.
 *
 * @param properties the settings by key; never null
 * @since 0.1
 */
public record ProviderConfig(Map<String, String> properties) {
    /** Copies the map. */
    public ProviderConfig {
        properties = Map.copyOf(properties);
    }

    /**
     * No settings.
     *
     * @return an empty config; never null
     */
    public static ProviderConfig empty() {
        return new ProviderConfig(Map.of());
    }

    /**
     * Settings from a map.
     *
     * @param properties the settings; never null
     * @return the config; never null
     */
    public static ProviderConfig of(Map<String, String> properties) {
        return new ProviderConfig(properties);
    }

    /**
     * A copy with one more setting.
     *
     * @param key the key; never null
     * @param value the value; never null
     * @return the new config; never null
     */
    public ProviderConfig with(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        var copy = new HashMap<>(properties);
        copy.put(key, value);
        return new ProviderConfig(copy);
    }

    /**
     * A setting, if present.
     *
     * @param key the key; never null
     * @return the value, or empty; never null
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(properties.get(Objects.requireNonNull(key, "key")));
    }

    /**
     * A setting that must be present.
     *
     * @param key the key; never null
     * @return the value; never null
     * @throws ZupaConfigurationException naming the key when it is missing
     */
    public String require(String key) {
        return get(key).orElseThrow(() -> new ZupaConfigurationException("missing provider setting '" + key + "'"));
    }
}
