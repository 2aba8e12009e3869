package dev.zupa.runtime.internal.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordReaderTest {
    enum Cup {
        SMALL,
        LARGE
    }

    record Line(@NotBlank String item, @Positive int quantity) {}

    record Order(
            @JsonProperty("customer_name") @NotBlank String customerName,
            @Size(max = 2) List<@Valid Line> lines,
            Optional<Cup> cup,
            Instant at,
            LocalDate day) {}

    record Checked(int quantity) {
        Checked {
            if (quantity > 10) {
                throw new IllegalArgumentException("at most 10 at a time");
            }
        }
    }

    private final RecordReader<Order> strict = RecordReader.of(Order.class, true);
    private final RecordReader<Order> lenient = RecordReader.of(Order.class, false);

    @Test
    void readsListsEnumsAndDates() {
        var json = """
                {"customer_name":"Ana","lines":[{"item":"tea","quantity":2}],"cup":"large",
                 "at":"2026-01-01T10:00:00Z","day":"2026-01-01"}""";

        var parsed = strict.read(json);

        assertThat(parsed)
                .isEqualTo(new Parsed.Valid<>(new Order(
                        "Ana",
                        List.of(new Line("tea", 2)),
                        Optional.of(Cup.LARGE),
                        Instant.parse("2026-01-01T10:00:00Z"),
                        LocalDate.parse("2026-01-01"))));
    }

    @Test
    void namesPropertiesAsTheModelSawThem() {
        var json = """
                {"customer_name":"","lines":[{"item":"tea","quantity":0},{"item":"","quantity":1}, {"item":"x"}],
                 "at":"2026-01-01T10:00:00Z","day":"2026-01-01"}""";

        assertThat(strict.read(json)).isEqualTo(new Parsed.Invalid<>(List.of("lines[2].quantity is required")));
        assertThat(strict.read(json.replace(", {\"item\":\"x\"}", "")))
                .isEqualTo(new Parsed.Invalid<>(List.of(
                        "customer_name must not be blank",
                        "lines[0].quantity must be greater than 0",
                        "lines[1].item must not be blank")));
    }

    @Test
    void ignoresUnknownPropertiesWhenLenient() {
        var json = """
                {"customer_name":"Ana","lines":[{"item":"tea","quantity":1,"size":"xl"}],"mood":"happy",
                 "at":"2026-01-01T10:00:00Z","day":"2026-01-01"}""";

        assertThat(lenient.read(json)).isInstanceOf(Parsed.Valid.class);
        assertThat(strict.read(json))
                .isEqualTo(new Parsed.Invalid<>(List.of(
                        "unknown property lines[0].size; expected only [item, quantity]",
                        "unknown property mood; expected only [customer_name, lines, cup, at, day]")));
    }

    @Test
    void reportsWhatTheRecordConstructorRejects() {
        var reader = RecordReader.of(Checked.class, true);

        assertThat(reader.read("{\"quantity\":11}")).isEqualTo(new Parsed.Invalid<>(List.of("at most 10 at a time")));
    }

    @Test
    void reportsAnUnknownEnumValue() {
        var json = """
                {"customer_name":"Ana","lines":[],"cup":"medium","at":"2026-01-01T10:00:00Z","day":"2026-01-01"}""";

        var parsed = strict.read(json);

        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        assertThat(((Parsed.Invalid<Order>) parsed).problems())
                .singleElement()
                .asString()
                .startsWith("cup: ")
                .contains("medium", "SMALL", "LARGE");
    }

    @Test
    void rejectsAFractionForAnInteger() {
        var reader = RecordReader.of(Line.class, true);

        assertThat(reader.read("{\"item\":\"tea\",\"quantity\":2.7}")).isInstanceOf(Parsed.Invalid.class);
        assertThat(reader.read("{\"item\":\"tea\",\"quantity\":\"2\"}"))
                .isEqualTo(new Parsed.Valid<>(new Line("tea", 2)));
    }

    @Test
    void acceptsRecordsOnly() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Record> notARecord = (Class) String.class;

        assertThatThrownBy(() -> RecordReader.of(notARecord, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a record, was java.lang.String");
    }
}
