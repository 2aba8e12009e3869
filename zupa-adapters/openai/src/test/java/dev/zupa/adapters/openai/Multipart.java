package dev.zupa.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/** The parts of a recorded {@code multipart/form-data} request, by name and in order. */
final class Multipart {
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");

    /** One part: its file name and content type when it has them, and its bytes. */
    record Part(@Nullable String fileName, @Nullable String contentType, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private Multipart() {}

    static Map<String, Part> parts(RecordedRequest request) throws IOException {
        var type = MediaType.get(request.getHeaders().get("Content-Type"));
        assertThat(type.type() + "/" + type.subtype()).isEqualTo("multipart/form-data");
        var body = request.getBody();
        assertThat(body).isNotNull();
        var parts = new LinkedHashMap<String, Part>();
        try (var reader = new MultipartReader(new Buffer().write(body), type.parameter("boundary"))) {
            for (var part = reader.nextPart(); part != null; part = reader.nextPart()) {
                String disposition = part.headers().get("Content-Disposition");
                assertThat(disposition).startsWith("form-data;");
                var name = NAME.matcher(disposition);
                assertThat(name.find()).isTrue();
                var fileName = FILE_NAME.matcher(disposition);
                parts.put(
                        name.group(1),
                        new Part(
                                fileName.find() ? fileName.group(1) : null,
                                part.headers().get("Content-Type"),
                                part.body().readByteArray()));
            }
        }
        return parts;
    }
}
