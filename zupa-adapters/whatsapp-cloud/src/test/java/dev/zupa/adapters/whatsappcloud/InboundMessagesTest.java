package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.ANA;
import static dev.zupa.adapters.whatsappcloud.Fixtures.post;
import static dev.zupa.adapters.whatsappcloud.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.TransportEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each inbound type of PROVIDERS.md section 3.3 through the webhook handler, and section 6.3 cases 4, 5, 9, 10. */
class InboundMessagesTest {
    private final RecordingTransportContext context = new RecordingTransportContext();
    private WhatsAppCloudTransport transport;

    @BeforeEach
    void start() {
        transport = Fixtures.transport().build();
        transport.start(context);
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    private InboundMessage only(String vector) {
        assertThat(post(transport, vector(vector)).status()).isEqualTo(200);
        assertThat(context.delivered).hasSize(1);
        return context.delivered.get(0);
    }

    @Test
    void textWithSenderNameAndPayloadTimestamp() {
        var message = only("text-example-a.json");

        assertThat(message)
                .isEqualTo(new InboundMessage(
                        "whatsapp-cloud",
                        "wamid.TEST0001",
                        ANA,
                        "Hola, ¿qué tal?",
                        ContentType.TEXT,
                        Optional.empty(),
                        Optional.of("Ana Ruiz"),
                        Instant.ofEpochSecond(1767225600)));
        assertThat(message.dedupKey()).isEqualTo("whatsapp-cloud/wamid.TEST0001");
    }

    @Test
    void voiceNoteIsVoiceWithItsMedia() {
        var message = only("voice-note.json");

        assertThat(message.type()).isEqualTo(ContentType.VOICE);
        assertThat(message.text()).isEmpty();
        assertThat(message.media()).contains(new MediaRef("1234567890123456", "audio/ogg; codecs=opus"));
        assertThat(message.receivedAt()).isEqualTo(Instant.ofEpochSecond(1767225660));
    }

    @Test
    void audioFileIsAudio() {
        var message = only("audio-file.json");

        assertThat(message.type()).isEqualTo(ContentType.AUDIO);
        assertThat(message.media()).contains(new MediaRef("2234567890123456", "audio/mpeg"));
    }

    @Test
    void imageCarriesItsCaptionAndMedia() {
        var message = only("image.json");

        assertThat(message.type()).isEqualTo(ContentType.IMAGE);
        assertThat(message.text()).isEqualTo("Is this dish vegan?");
        assertThat(message.media()).contains(new MediaRef("3234567890123456", "image/jpeg"));
    }

    @Test
    void buttonReplyIsTheTitleWithTheIdInBrackets() {
        var message = only("button-reply.json");

        assertThat(message.type()).isEqualTo(ContentType.INTERACTIVE);
        assertThat(message.text()).isEqualTo("Yes [confirm-yes]");
        assertThat(message.media()).isEmpty();
    }

    @Test
    void listReplyIsTheTitleWithTheIdInBrackets() {
        var message = only("list-reply.json");

        assertThat(message.type()).isEqualTo(ContentType.INTERACTIVE);
        assertThat(message.text()).isEqualTo("8 pm [table-8pm]");
    }

    @Test
    void templateQuickReplyButtonIsInteractive() {
        var message = only("template-button.json");

        assertThat(message.type()).isEqualTo(ContentType.INTERACTIVE);
        assertThat(message.text()).isEqualTo("Book again [rebook]");
    }

    @Test
    void unknownTypesAreDeliveredAsUnsupportedWithoutCrashing() {
        assertThat(post(transport, vector("unsupported-types.json")).status()).isEqualTo(200);

        assertThat(context.delivered)
                .extracting(InboundMessage::messageId, InboundMessage::type, InboundMessage::text)
                .containsExactly(
                        tuple("wamid.REACT01", ContentType.UNSUPPORTED, ""),
                        tuple("wamid.STICK01", ContentType.UNSUPPORTED, ""),
                        tuple("wamid.LOC01", ContentType.UNSUPPORTED, ""),
                        tuple("wamid.SYS01", ContentType.UNSUPPORTED, ""),
                        tuple("wamid.UNS01", ContentType.UNSUPPORTED, ""),
                        tuple("wamid.FLOW01", ContentType.UNSUPPORTED, ""),
                        tuple("wamid.NEW01", ContentType.UNSUPPORTED, ""));
        assertThat(context.delivered).allSatisfy(m -> assertThat(m.media()).isEmpty());
    }

    @Test
    void errorsOnlyPayloadIsAcknowledgedWithoutCrashing() {
        assertThat(post(transport, vector("errors-only.json")).status()).isEqualTo(200);

        assertThat(context.delivered).isEmpty();
        assertThat(context.events(TransportEvent.DeliveryStatus.class)).isEmpty();
    }

    @Test
    void unexpectedShapesAreAcknowledgedWithoutCrashing() {
        String[] payloads = {
            "{}",
            "{\"object\":\"page\",\"entry\":[]}",
            "{\"object\":\"whatsapp_business_account\"}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":[]}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":"
                    + "{\"messages\":[{\"type\":\"text\"},{\"id\":\"wamid.NOFROM\",\"type\":\"text\"},7,null],"
                    + "\"statuses\":[{\"status\":\"read\"},{\"id\":\"wamid.X\",\"status\":\"exploded\"}]}}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":"
                    + "{\"messages\":[{\"from\":\"1\",\"id\":\"wamid.ODD\",\"timestamp\":\"soon\",\"type\":\"audio\","
                    + "\"audio\":{}}]}}]}]}"
        };
        for (String payload : payloads) {
            assertThat(post(transport, payload.getBytes(StandardCharsets.UTF_8)).status())
                    .as(payload)
                    .isEqualTo(200);
        }

        assertThat(context.deliveredIds()).containsExactly("wamid.ODD");
        assertThat(context.delivered.get(0).type()).isEqualTo(ContentType.UNSUPPORTED);
        assertThat(context.delivered.get(0).receivedAt()).isEqualTo(Fixtures.NOW);
    }

    @Test
    void batchedEntriesMessagesAndStatusesAreAllHandledInOrder() {
        assertThat(post(transport, vector("batched.json")).status()).isEqualTo(200);

        assertThat(context.delivered)
                .extracting(InboundMessage::messageId, InboundMessage::from, InboundMessage::text)
                .containsExactly(
                        tuple("wamid.B1", ANA, "one"),
                        tuple("wamid.B2", ANA, "two"),
                        tuple("wamid.B3", "4915112345678", "drei"),
                        tuple("wamid.B4", "4915112345678", ""),
                        tuple("wamid.B5", "4915112345678", "fünf"));
        assertThat(context.delivered.get(3).type()).isEqualTo(ContentType.VOICE);
        assertThat(context.delivered.get(2).senderName()).contains("Bo Chen");
        assertThat(context.events(TransportEvent.DeliveryStatus.class))
                .extracting(TransportEvent.DeliveryStatus::transportMessageId, TransportEvent.DeliveryStatus::status)
                .containsExactly(
                        tuple("wamid.OUT0101", TransportEvent.DeliveryStatus.Status.DELIVERED),
                        tuple("wamid.OUT0102", TransportEvent.DeliveryStatus.Status.READ));
    }

    @Test
    void lateRetryKeepsThePayloadTimestampSoTheAgeShows() {
        long twentySixHoursAgo = Fixtures.NOW.minus(Duration.ofHours(26)).getEpochSecond();

        post(transport, Fixtures.textWebhook("wamid.LATE", "are you open?", twentySixHoursAgo));

        var message = context.delivered.get(0);
        assertThat(message.receivedAt()).isEqualTo(Instant.ofEpochSecond(twentySixHoursAgo));
        assertThat(Duration.between(message.receivedAt(), Fixtures.NOW)).isEqualTo(Duration.ofHours(26));
    }

    @Test
    void contactWithoutPhoneIsKeyedOnTheBusinessScopedUserId() {
        var message = only("bsuid-contact.json");

        assertThat(message.from()).isEqualTo("US.13491208655302741918");
        assertThat(message.senderName()).contains("Cam Lee");
        assertThat(message.text()).isEqualTo("hi, no phone here");
    }

    @Test
    void fromUserIdIsTheSenderWhenFromIsAbsent() {
        String payload = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"contacts\":[{\"profile\":{\"username\":\"@dee\"},\"user_id\":\"US.2\"},"
                + "{\"profile\":{\"name\":\"Eve\"},\"user_id\":\"US.3\"}],\"messages\":[{\"from_user_id\":\"US.3\","
                + "\"id\":\"wamid.U3\",\"timestamp\":\"1767226100\",\"type\":\"text\",\"text\":{\"body\":\"hey\"}}]}}]}]}";

        post(transport, payload.getBytes(StandardCharsets.UTF_8));

        assertThat(context.delivered.get(0).from()).isEqualTo("US.3");
        assertThat(context.delivered.get(0).senderName()).contains("Eve");
    }
}
