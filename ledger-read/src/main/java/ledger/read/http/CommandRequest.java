package ledger.read.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command built from an HTTP request: the body's fields, the command id from {@code
 * Idempotency-Key}, the expected sequence from {@code If-Match}, and the type and account the route
 * gives. Only what the API must decide itself is checked here; every rule of a command is the
 * ledger's to judge.
 */
record CommandRequest(String commandId, String accountId, byte[] json) {

    /** Bodies above this many bytes are refused with 413. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern IF_MATCH = Pattern.compile("(\"?)([0-9]{1,19})\\1");

    /** How a route names the account a command is addressed to. */
    record Route(String type, String accountField, Set<String> dropped) {

        /** The account is a field of the body, e.g. {@code accountId} or {@code fromAccountId}. */
        static Route bodyAccount(String type, String accountField) {
            return new Route(type, accountField, Set.of(accountField));
        }

        /** The account is the path's {@code {id}}. */
        static Route pathAccount(String type) {
            return new Route(type, null, Set.of());
        }
    }

    /** Reads at most {@link #MAX_BODY_BYTES}; a longer body is a 413. */
    static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiError(
                    413,
                    "PAYLOAD_TOO_LARGE",
                    "the request body is larger than " + MAX_BODY_BYTES + " bytes",
                    null);
        }
        return body;
    }

    /**
     * The command for a request.
     *
     * @param pathAccountId the path's account id, or null when the route takes it from the body
     * @param idempotencyKey the header, or null
     * @param ifMatch the header, or null
     */
    static CommandRequest build(
            Route route,
            String pathAccountId,
            byte[] body,
            String idempotencyKey,
            String ifMatch,
            Supplier<String> freshId) {
        ObjectNode fields = bodyObject(body);
        OptionalLong expected = expectedSequence(ifMatch);
        String accountId = pathAccountId;
        if (route.accountField() != null) {
            JsonNode account = fields.get(route.accountField());
            if (account == null || !account.isTextual()) {
                throw ApiError.badCommand(route.accountField() + " must be a string");
            }
            accountId = account.textValue();
        }
        String commandId = idempotencyKey != null ? idempotencyKey : freshId.get();
        ObjectNode command = ApiJson.object();
        command.put("commandId", commandId);
        command.put("type", route.type());
        command.put("accountId", accountId);
        Set<String> fixed = Set.of("commandId", "type", "accountId");
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            if (!fixed.contains(field.getKey()) && !route.dropped().contains(field.getKey())) {
                command.set(field.getKey(), field.getValue());
            }
        }
        if (expected.isPresent()) {
            command.put("expectedSequence", expected.getAsLong());
        }
        return new CommandRequest(commandId, accountId, ApiJson.writeBytes(command));
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static ObjectNode bodyObject(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return ApiJson.object();
        }
        JsonNode node = ApiJson.readOrNull(body);
        if (node == null) {
            throw ApiError.badCommand("malformed JSON: the request body is not valid JSON");
        }
        if (!node.isObject()) {
            throw ApiError.badCommand("malformed JSON: the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * The expected sequence an {@code If-Match} header holds: {@code 2} or {@code "2"}; {@code *}
     * (any version) and no header expect nothing.
     */
    static OptionalLong expectedSequence(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher matcher = IF_MATCH.matcher(ifMatch.trim());
        if (matcher.matches()) {
            try {
                return OptionalLong.of(Long.parseLong(matcher.group(2)));
            } catch (NumberFormatException tooLarge) {
                // falls through to the error below
            }
        }
        throw ApiError.badCommand(
                "If-Match must hold the expected sequence, a non-negative integer such as 2 or"
                        + " \"2\"");
    }
}
