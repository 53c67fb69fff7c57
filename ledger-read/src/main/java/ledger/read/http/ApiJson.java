package ledger.read.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The API's one configured Jackson mapper, and the shapes it writes. JSON the ledger already wrote
 * (events, outcomes) is embedded as it is, never decoded and encoded again.
 */
final class ApiJson {

    static final String CONTENT_TYPE = "application/json";

    // "{...} junk" is not a JSON object: a body with trailing tokens is malformed.
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ApiJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The document in {@code bytes}, or null when they are not JSON. */
    static JsonNode readOrNull(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** A document the ledger or the read store wrote, so it is JSON. */
    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] writeBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An array of JSON documents, each embedded as written. */
    static ArrayNode rawArray(List<String> documents) {
        ArrayNode array = MAPPER.createArrayNode();
        documents.forEach(json -> array.addRawValue(new RawValue(json)));
        return array;
    }

    /** {@code {"outcome": <outcome>, "events": [<event>...]}}: an accepted command's answer. */
    static String accepted(String outcome, List<String> events) {
        ObjectNode body = object();
        body.putRawValue("outcome", new RawValue(outcome));
        body.set("events", rawArray(events));
        return write(body);
    }

    /** {@code {"error", "reason"}}, plus {@code "outcome"} when the ledger processed a command. */
    static String error(String sentence, String reason, String outcome) {
        ObjectNode body = object();
        body.put("error", sentence);
        body.put("reason", reason);
        if (outcome != null) {
            body.putRawValue("outcome", new RawValue(outcome));
        }
        return write(body);
    }
}
