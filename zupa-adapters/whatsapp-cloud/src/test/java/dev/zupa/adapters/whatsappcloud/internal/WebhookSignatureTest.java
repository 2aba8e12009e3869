package dev.zupa.adapters.whatsappcloud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The vectors of PROVIDERS.md section 3.2, and the ways a signature header can be wrong (section 6.3 case 2). */
class WebhookSignatureTest {
    private static final String APP_SECRET = "zupa_test_app_secret";
    private static final String EXAMPLE_A_SIGNATURE =
            "sha256=ebde4128132fd38d90268b90a7a5ce26dbe9ce0f80fce4409d4fe3f574652a47";

    private static byte[] exampleA() throws IOException {
        try (InputStream in =
                WebhookSignatureTest.class.getResourceAsStream("/vectors/whatsapp-cloud/text-example-a.json")) {
            assertThat(in).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void publishedVectorSecretTest() {
        var signature = new WebhookSignature("secret");
        byte[] body = "test".getBytes(StandardCharsets.US_ASCII);

        assertThat(signature.sign(body))
                .isEqualTo("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914");
        assertThat(signature.verify("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914", body))
                .isTrue();
    }

    @Test
    void exampleAVectorPassesOnTheRawBytes() throws IOException {
        byte[] body = exampleA();

        assertThat(body).hasSize(445);
        assertThat(new WebhookSignature(APP_SECRET).sign(body)).isEqualTo(EXAMPLE_A_SIGNATURE);
        assertThat(new WebhookSignature(APP_SECRET).verify(EXAMPLE_A_SIGNATURE, body))
                .isTrue();
    }

    @Test
    void reserialisedBodyFails() throws IOException {
        byte[] decoded = new String(exampleA(), StandardCharsets.US_ASCII)
                .replace("\\u00bf", "¿")
                .replace("\\u00e9", "é")
                .getBytes(StandardCharsets.UTF_8);
        var signature = new WebhookSignature(APP_SECRET);

        assertThat(signature.sign(decoded))
                .isEqualTo("sha256=7ff783d62cf371ccf0b9e253c11ba48e3efb85f0d9ee9961b7f933dec460dce8");
        assertThat(signature.verify(EXAMPLE_A_SIGNATURE, decoded)).isFalse();
    }

    @Test
    void missingHeaderFails() throws IOException {
        assertThat(new WebhookSignature(APP_SECRET).verify(null, exampleA())).isFalse();
    }

    @Test
    void wrongPrefixFails() throws IOException {
        String hex = EXAMPLE_A_SIGNATURE.substring("sha256=".length());
        var signature = new WebhookSignature(APP_SECRET);

        assertThat(signature.verify(hex, exampleA())).isFalse();
        assertThat(signature.verify("sha1=" + hex, exampleA())).isFalse();
        assertThat(signature.verify("SHA256=" + hex, exampleA())).isFalse();
        assertThat(signature.verify(" " + EXAMPLE_A_SIGNATURE, exampleA())).isFalse();
    }

    @Test
    void uppercaseHexFails() throws IOException {
        String upper = "sha256=" + EXAMPLE_A_SIGNATURE.substring(7).toUpperCase(Locale.ROOT);

        assertThat(new WebhookSignature(APP_SECRET).verify(upper, exampleA())).isFalse();
    }

    @Test
    void wrongSecretFails() throws IOException {
        assertThat(new WebhookSignature("another_app_secret").verify(EXAMPLE_A_SIGNATURE, exampleA()))
                .isFalse();
    }

    @Test
    void truncatedOrEmptySignatureFails() throws IOException {
        var signature = new WebhookSignature(APP_SECRET);

        assertThat(signature.verify(EXAMPLE_A_SIGNATURE.substring(0, 40), exampleA()))
                .isFalse();
        assertThat(signature.verify("", exampleA())).isFalse();
        assertThat(signature.verify("sha256=", exampleA())).isFalse();
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(new WebhookSignature(APP_SECRET).toString()).doesNotContain(APP_SECRET);
    }
}
