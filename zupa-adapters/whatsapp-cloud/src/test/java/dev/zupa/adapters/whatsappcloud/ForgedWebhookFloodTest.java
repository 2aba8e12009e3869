package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.VERIFY_TOKEN;
import static dev.zupa.adapters.whatsappcloud.Fixtures.sign;
import static dev.zupa.adapters.whatsappcloud.Fixtures.textWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.whatsappcloud.internal.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 forged, malformed and oversized webhooks interleaved with 250 valid signed ones, sent concurrently over real
 * HTTP to the standalone listener: no forged one is accepted, every request gets an answer, and every valid message
 * is delivered exactly once.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ForgedWebhookFloodTest {
    private static final int BAD = 1_000;
    private static final int VALID = 250;
    private static final int LIMIT = 64 * 1024;

    private enum Kind {
        VALID(200),
        SIGNATURE_OF_ANOTHER_BODY(401),
        WRONG_SECRET(401),
        NO_SIGNATURE(401),
        UPPERCASE_HEX(401),
        GARBAGE_UNSIGNED(401),
        GARBAGE_SIGNED(400),
        OVERSIZED(413),
        OVERSIZED_CHUNKED(413),
        WRONG_VERIFY_TOKEN(403);

        final int expected;

        Kind(int expected) {
            this.expected = expected;
        }
    }

    private record Attempt(Kind kind, int index) {}

    @Test
    void forgedWebhooksAreNeverAcceptedAndValidOnesAreDeliveredExactlyOnce() throws Exception {
        var context = new RecordingTransportContext();
        var badKinds = Arrays.stream(Kind.values()).filter(k -> k != Kind.VALID).toList();
        var attempts = new ArrayList<Attempt>();
        for (int i = 0; i < BAD; i++) {
            attempts.add(new Attempt(badKinds.get(i % badKinds.size()), i));
        }
        for (int i = 0; i < VALID; i++) {
            attempts.add(new Attempt(Kind.VALID, i));
        }
        Collections.shuffle(attempts, new Random(20260102L));

        try (var transport = Fixtures.transport()
                .listenHost("127.0.0.1")
                .listenPort(0)
                .maxWebhookBodyBytes(LIMIT)
                .build()) {
            transport.start(context);
            var client = new WebhookClient(transport);

            var answers = new ArrayList<Future<Integer>>();
            try (var workers =
                    Executors.newFixedThreadPool(16, Thread.ofVirtual().factory())) {
                for (var attempt : attempts) {
                    answers.add(workers.submit(() -> send(client, attempt)));
                }
            }

            var statusByKind = new EnumMap<Kind, List<Integer>>(Kind.class);
            for (int i = 0; i < attempts.size(); i++) {
                statusByKind
                        .computeIfAbsent(attempts.get(i).kind(), k -> new ArrayList<>())
                        .add(answer(answers.get(i)));
            }
            statusByKind.forEach(
                    (kind, statuses) -> assertThat(statuses).as(kind.name()).containsOnly(kind.expected));
            assertThat(statusByKind.values().stream().mapToInt(List::size).sum())
                    .isEqualTo(BAD + VALID);

            // the server still serves both kinds of request afterwards
            assertThat(client.signedPost(textWebhook("wamid.AFTER", "still there?", 1767225600))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(client.get("?hub.mode=subscribe&hub.challenge=7&hub.verify_token=" + VERIFY_TOKEN)
                            .body())
                    .isEqualTo("7");
        }

        var expected = new ArrayList<String>();
        for (int i = 0; i < VALID; i++) {
            expected.add("wamid.VALID-" + i);
        }
        expected.add("wamid.AFTER");
        assertThat(context.deliveredIds()).containsExactlyInAnyOrderElementsOf(expected);
        Map<String, Long> counts = context.deliveredIds().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.values()).containsOnly(1L);
        assertThat(context.deliveredIds()).noneMatch(id -> id.contains("FORGED"));
    }

    private static int answer(Future<Integer> answer) throws InterruptedException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw new AssertionError("a request got no answer: " + e.getCause(), e.getCause());
        }
    }

    private static int send(WebhookClient client, Attempt attempt) {
        int i = attempt.index();
        byte[] forged = textWebhook("wamid.FORGED-" + i, "forged " + i, 1767225600);
        return switch (attempt.kind()) {
            case VALID ->
                client.signedPost(textWebhook("wamid.VALID-" + i, "hello " + i, 1767225600))
                        .statusCode();
            case SIGNATURE_OF_ANOTHER_BODY ->
                client.post(forged, sign(textWebhook("wamid.VALID-" + i, "hello " + i, 1767225600)))
                        .statusCode();
            case WRONG_SECRET ->
                client.post(forged, new WebhookSignature("guessed_secret").sign(forged))
                        .statusCode();
            case NO_SIGNATURE -> client.post(forged, null).statusCode();
            case UPPERCASE_HEX ->
                client.post(forged, "sha256=" + sign(forged).substring(7).toUpperCase(Locale.ROOT))
                        .statusCode();
            case GARBAGE_UNSIGNED ->
                client.post(garbage(i), "sha256=" + "0".repeat(64)).statusCode();
            case GARBAGE_SIGNED -> client.post(garbage(i), sign(garbage(i))).statusCode();
            case OVERSIZED -> client.post(oversized(i), sign(oversized(i))).statusCode();
            case OVERSIZED_CHUNKED ->
                client.postChunked(oversized(i), sign(oversized(i))).statusCode();
            case WRONG_VERIFY_TOKEN ->
                client.get("?hub.mode=subscribe&hub.challenge=" + i + "&hub.verify_token=x" + i)
                        .statusCode();
        };
    }

    private static byte[] garbage(int i) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":" + i + ",\"changes\":[{")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A valid-looking payload padded past the limit. */
    private static byte[] oversized(int i) {
        String padding = "x".repeat(LIMIT + 1024);
        return textWebhook("wamid.FORGED-" + i, padding, 1767225600);
    }
}
