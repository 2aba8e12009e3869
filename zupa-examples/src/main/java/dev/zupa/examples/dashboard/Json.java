package dev.zupa.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading the management API's JSON leniently: a field it lacks shows as empty rather than ending the dashboard. */
final class Json {
    private Json() {}

    /** An ISO-8601 instant, or the epoch when the field is missing or not one. */
    static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : Instant.EPOCH;
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** A number, or NaN when the field is missing or null (the API leaves out percentiles it has not measured). */
    static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
