package ledger.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;
import ledger.domain.Outcome;
import ledger.domain.Reason;

/** The JSON of command outcomes, as published on the outcomes topic and answered over HTTP. */
public final class OutcomeCodec {

    private OutcomeCodec() {}

    public static byte[] encode(Outcome outcome) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("commandId", outcome.commandId());
                    json.writeStringField("accountId", outcome.accountId());
                    json.writeStringField("status", outcome.status().name());
                    if (outcome.reason() != null) {
                        json.writeStringField("reason", outcome.reason().name());
                    }
                    if (outcome.message() != null) {
                        json.writeStringField("message", outcome.message());
                    }
                    if (outcome.sequence().isPresent()) {
                        json.writeNumberField("sequence", outcome.sequence().getAsLong());
                    }
                    json.writeEndObject();
                });
    }

    public static Outcome decode(byte[] bytes) {
        JsonNode node = Json.read(bytes);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("outcome is not a JSON object");
        }
        String reason = Json.text(node, "reason");
        JsonNode sequence = node.get("sequence");
        String status = Json.requiredText(node, "status");
        return new Outcome(
                Json.text(node, "commandId"),
                Json.text(node, "accountId"),
                Outcome.Status.valueOf(status),
                reason == null ? null : Reason.valueOf(reason),
                Json.text(node, "message"),
                sequence == null || sequence.isNull()
                        ? OptionalLong.empty()
                        : OptionalLong.of(sequence.asLong()));
    }
}
