package dev.zupa.adapters.whatsappcloud.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The Graph API calls of the transport, one HTTP attempt each: the caller's policy decides about retries, so the
 * OkHttp client it is given must not retry silently (a repeated {@code POST /messages} is a duplicate message).
 */
public final class GraphClient {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_JSON_RESPONSE = 1024 * 1024;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OkHttpClient client;
    private final HttpUrl root;
    private final String phoneNumberId;
    private final String accessToken;
    private final GraphErrors errors;

    /**
     * A client for one business phone number.
     *
     * @param client the OkHttp client, without silent retries; never null
     * @param root the versioned Graph root, such as {@code https://graph.facebook.com/v25.0}; never null
     * @param phoneNumberId the business phone number's id; never null
     * @param accessToken the access token; never null
     * @param errors the error mapping; never null
     */
    public GraphClient(
            OkHttpClient client, HttpUrl root, String phoneNumberId, String accessToken, GraphErrors errors) {
        this.client = Objects.requireNonNull(client, "client");
        this.root = Objects.requireNonNull(root, "root");
        this.phoneNumberId = Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * The OkHttp client transports share when the user gives none, created on first use: short connect timeout,
     * 30 seconds per read or write, two minutes per call (a 16 MB media download included).
     *
     * @return the shared client; never null
     */
    public static OkHttpClient defaultClient() {
        return DefaultClient.CLIENT;
    }

    /**
     * The versioned Graph root.
     *
     * @return the root URL; never null
     */
    public HttpUrl root() {
        return root;
    }

    /**
     * Sends a message: {@code POST /{phone-number-id}/messages}.
     *
     * @param body the message object; never null
     * @return the wamid Meta gave the message; never null
     * @throws ProviderException as the error table maps the failure
     */
    public String sendMessage(ObjectNode body) {
        var answer = postJson(body);
        String wamid = Json.text(answer.path("messages").path(0), "id");
        if (wamid == null) {
            throw errors.failure(ProviderErrorKind.INVALID_RESPONSE, "the send answer has no messages[0].id", null);
        }
        return wamid;
    }

    /**
     * Posts a status change (read receipt, typing indicator) to {@code /{phone-number-id}/messages}.
     *
     * @param body the status object; never null
     * @throws ProviderException as the error table maps the failure
     */
    public void postStatus(ObjectNode body) {
        postJson(body);
    }

    /**
     * Uploads media: {@code POST /{phone-number-id}/media}, multipart with {@code messaging_product}, {@code type}
     * and {@code file}.
     *
     * @param data the bytes; never null
     * @param type the media type Meta should store; never null
     * @param fileName the file name of the part; never null
     * @return the media id; never null
     * @throws ProviderException as the error table maps the failure
     */
    public String uploadMedia(byte[] data, String type, String fileName) {
        var body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("messaging_product", "whatsapp")
                .addFormDataPart("type", type)
                .addFormDataPart("file", fileName, RequestBody.create(data, MediaType.get(type)))
                .build();
        var answer = call(authorized(endpoint("media")).post(body).build());
        String id = Json.text(answer, "id");
        if (id == null) {
            throw errors.failure(ProviderErrorKind.INVALID_RESPONSE, "the media upload answer has no id", null);
        }
        return id;
    }

    /**
     * Asks where a media object can be downloaded: {@code GET /{media-id}}.
     *
     * @param mediaId the media id; never null
     * @return the metadata; never null
     * @throws ProviderException as the error table maps the failure, {@code INVALID_RESPONSE} without a URL
     */
    public MediaMetadata mediaMetadata(String mediaId) {
        var url = root.newBuilder().addPathSegment(mediaId).build();
        var answer = call(authorized(url).get().build());
        String location = Json.text(answer, "url");
        HttpUrl parsed = location == null ? null : HttpUrl.parse(location);
        if (parsed == null) {
            throw errors.failure(
                    ProviderErrorKind.INVALID_RESPONSE, "the media metadata has no usable url for " + mediaId, null);
        }
        Long size = null;
        String sizeText = Json.text(answer, "file_size"); // a string or a number, depending on the version
        if (sizeText != null) {
            try {
                size = Long.valueOf(sizeText.trim());
            } catch (NumberFormatException e) {
                size = null;
            }
        }
        return new MediaMetadata(parsed, Json.text(answer, "mime_type"), Json.text(answer, "sha256"), size);
    }

    /**
     * Downloads media bytes from a URL {@link #mediaMetadata} returned, with the access token (Meta requires it).
     *
     * @param url the media URL; never null
     * @param maxBytes the most bytes accepted
     * @return the bytes, or the status that says the URL has expired (401, 403 or 404); never null
     * @throws ProviderException for other failures, {@code BAD_REQUEST} when the media is larger than allowed
     */
    public Download download(HttpUrl url, long maxBytes) {
        var request = authorized(url).get().build();
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            if (code == 401 || code == 403 || code == 404) {
                return new Download.Expired(code);
            }
            if (!response.isSuccessful()) {
                throw errors.fromHttp(
                        code,
                        response.headers(),
                        response.peekBody(MAX_ERROR_BODY).string());
            }
            try (InputStream in = response.body().byteStream()) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw errors.failure(
                            ProviderErrorKind.BAD_REQUEST, "the media is larger than " + maxBytes + " bytes", null);
                }
                return new Download.Bytes(bytes);
            }
        } catch (IOException e) {
            throw errors.fromIo(e);
        }
    }

    private ObjectNode postJson(ObjectNode body) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a Graph request", e);
        }
        return call(authorized(endpoint("messages"))
                .post(RequestBody.create(json, JSON))
                .build());
    }

    private ObjectNode call(Request request) {
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw errors.fromHttp(
                        response.code(),
                        response.headers(),
                        response.peekBody(MAX_ERROR_BODY).string());
            }
            byte[] bytes;
            try (InputStream in = response.body().byteStream()) {
                bytes = in.readNBytes(MAX_JSON_RESPONSE + 1);
            }
            if (bytes.length > MAX_JSON_RESPONSE) {
                throw errors.failure(ProviderErrorKind.INVALID_RESPONSE, "the Graph answer is too large", null);
            }
            return parseObject(bytes);
        } catch (IOException e) {
            throw errors.fromIo(e);
        }
    }

    private ObjectNode parseObject(byte[] bytes) {
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw errors.failure(ProviderErrorKind.INVALID_RESPONSE, "the Graph answer is not a JSON object", null);
        } catch (IOException e) {
            String start = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
            throw errors.failure(ProviderErrorKind.INVALID_RESPONSE, "the Graph answer is not JSON: " + start, e);
        }
    }

    private HttpUrl endpoint(String edge) {
        return root.newBuilder()
                .addPathSegment(phoneNumberId)
                .addPathSegment(edge)
                .build();
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + accessToken);
    }

    @Override
    public String toString() {
        return "GraphClient[root=" + root + ", phoneNumberId=" + phoneNumberId + ", accessToken=[redacted]]";
    }

    /**
     * Where and what a media object is.
     *
     * @param url the short-lived download URL
     * @param mimeType the media type, if given
     * @param sha256 the SHA-256 of the bytes (hex or base64), if given
     * @param fileSize the size in bytes, if given
     */
    public record MediaMetadata(
            HttpUrl url,
            @Nullable String mimeType,
            @Nullable String sha256,
            @Nullable Long fileSize) {}

    private static final class DefaultClient {
        private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofMinutes(2))
                .build();
    }

    /** The outcome of a media download. */
    public sealed interface Download {
        /**
         * The bytes.
         *
         * @param data the media
         */
        record Bytes(byte[] data) implements Download {}

        /**
         * The URL is no longer valid (it lives about five minutes).
         *
         * @param status the HTTP status that said so
         */
        record Expired(int status) implements Download {}
    }
}
