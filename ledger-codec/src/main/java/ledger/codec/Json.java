package ledger.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one configured Jackson instance and the small helpers every codec shares. */
final class Json {

    // Trailing tokens make a record malformed: "{...} junk" is not a JSON object.
    static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** UTC, always with milliseconds, as the contract writes instants. */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {}

    /** Writes one JSON document with a streaming generator: ordered fields, no reflection. */
    static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Parses a document, or returns null when the bytes are not JSON at all. */
    static JsonNode read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
    }

    static String formatInstant(long epochMillis) {
        return INSTANT.format(Instant.ofEpochMilli(epochMillis));
    }

    static long parseInstant(String text) {
        return Instant.parse(text).toEpochMilli();
    }

    /**
     * The text of a field that must be a JSON string, or null when it is absent or not a string.
     */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** A field the ledger itself always writes; its absence means the record is broken. */
    static String requiredText(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            throw new IllegalArgumentException("missing string field " + field);
        }
        return text;
    }

    static long requiredLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("missing integer field " + field);
        }
        return value.longValue();
    }

    interface Writer {
        void write(JsonGenerator generator) throws IOException;
    }
}
