package dev.zupa.adapters.openai;

import static dev.zupa.adapters.openai.Vectors.KEY;
import static dev.zupa.adapters.openai.Vectors.assertJsonPost;
import static dev.zupa.adapters.openai.Vectors.assertPost;
import static dev.zupa.adapters.openai.Vectors.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechRequest;
import dev.zupa.core.speech.SpeechRequest.AudioFormat;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.ProviderFactory;
import dev.zupa.core.spi.SpeechToTextFactory;
import dev.zupa.core.spi.TextToSpeechFactory;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiAudioFactoryTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void serviceLoaderFindsBothUnderOpenAi() {
        var stt = ServiceLoader.load(SpeechToTextFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory instanceof OpenAiSpeechToTextFactory)
                .map(ProviderFactory::name)
                .toList();
        var tts = ServiceLoader.load(TextToSpeechFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory instanceof OpenAiTextToSpeechFactory)
                .map(ProviderFactory::name)
                .toList();

        assertThat(stt).containsExactly("openai");
        assertThat(tts).containsExactly("openai");
    }

    @Test
    void createsSpeechToTextFromSettings() throws Exception {
        server.enqueue(Vectors.jsonResponse(200, "transcription-whisper.json"));
        var config = ProviderConfig.of(Map.of(
                "apiKey", KEY,
                "baseUrl", server.url("/proxy/v1").toString(),
                "model", "whisper-1",
                "organization", "org-zupa",
                "project", "proj_voice"));

        var stt = new OpenAiSpeechToTextFactory(name -> null).create(config);
        stt.transcribe(new AudioClip(Vectors.bytes("speech-opus.ogg"), "audio/ogg"), Optional.empty());

        var request = server.takeRequest();
        assertPost(request, "/proxy/v1/audio/transcriptions");
        assertThat(request.getHeaders().get("OpenAI-Organization")).isEqualTo("org-zupa");
        assertThat(request.getHeaders().get("OpenAI-Project")).isEqualTo("proj_voice");
        assertThat(Multipart.parts(request).get("model").text()).isEqualTo("whisper-1");
        assertThat(stt.toString()).contains("whisper-1").doesNotContain(KEY);
    }

    @Test
    void createsTextToSpeechFromSettingsWithTheKeyFromTheEnvironment() throws Exception {
        server.enqueue(Vectors.audioResponse("speech-opus.ogg"));
        var config = ProviderConfig.of(Map.of(
                "baseUrl", server.url("/v1").toString(),
                "model", "gpt-4o-mini-tts",
                "voice", "marin",
                "instructions", "Speak calmly.",
                "project", "proj_voice"));

        var tts = new OpenAiTextToSpeechFactory(name -> "OPENAI_API_KEY".equals(name) ? KEY : null).create(config);
        tts.synthesize(SpeechRequest.of("Hola", AudioFormat.OPUS));

        var request = server.takeRequest();
        assertThat(assertJsonPost(request, "/v1/audio/speech"))
                .isEqualTo(json("{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Hola\",\"voice\":\"marin\","
                        + "\"response_format\":\"opus\",\"instructions\":\"Speak calmly.\"}"));
        assertThat(request.getHeaders().get("OpenAI-Project")).isEqualTo("proj_voice");
        assertThat(request.getHeaders().get("OpenAI-Organization")).isNull();
    }

    @Test
    void withoutAKeyBothFailNamingTheVariable() {
        String message =
                "no OpenAI API key: set the environment variable OPENAI_API_KEY or the provider setting 'apiKey'";

        assertThatThrownBy(() -> new OpenAiSpeechToTextFactory(name -> null).create(ProviderConfig.empty()))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> new OpenAiTextToSpeechFactory(name -> " ").create(ProviderConfig.empty()))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage(message);
    }

    @Test
    void invalidSettingsAreConfigurationErrors() {
        var stt = new OpenAiSpeechToTextFactory(name -> KEY);
        var tts = new OpenAiTextToSpeechFactory(name -> KEY);

        assertThatThrownBy(() -> stt.create(ProviderConfig.of(Map.of("model", " "))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid OpenAI provider setting: model must not be blank");
        assertThatThrownBy(() -> tts.create(ProviderConfig.of(Map.of("voice", ""))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid OpenAI provider setting: voice must not be blank");
        assertThatThrownBy(() -> tts.create(ProviderConfig.of(Map.of("model", "tts-1", "instructions", "Calm"))))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessage("invalid OpenAI provider setting: tts-1 does not take instructions; use gpt-4o-mini-tts"
                        + " or drop them");
    }
}
