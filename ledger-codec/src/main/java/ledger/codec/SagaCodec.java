package ledger.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;
import ledger.domain.AccountCommand;
import ledger.domain.AccountCommand.CreditTransfer;
import ledger.domain.AccountCommand.RefundTransfer;
import ledger.domain.AccountCommand.SettleTransfer;
import ledger.domain.CommandEnvelope;
import ledger.domain.Money;
import ledger.domain.Reason;
import ledger.domain.SagaStep;

/**
 * The JSON of transfer steps on the saga topic. Internal: only the ledger job writes and reads it,
 * and the commands topic never accepts these types.
 */
public final class SagaCodec {

    private SagaCodec() {}

    public static byte[] encode(SagaStep step) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("type", step.command().getClass().getSimpleName());
                    json.writeStringField("transferId", step.transferId());
                    json.writeStringField("accountId", step.accountId());
                    AccountCommand command = step.command();
                    if (command instanceof CreditTransfer credit) {
                        json.writeStringField("fromAccountId", credit.fromAccountId());
                        json.writeStringField("currency", credit.currency());
                        json.writeStringField("amount", credit.amount().toString());
                        json.writeNumberField("debitSequence", credit.debitSequence());
                    } else if (command instanceof RefundTransfer refund) {
                        json.writeStringField("toAccountId", refund.toAccountId());
                        json.writeStringField("amount", refund.amount().toString());
                        json.writeStringField("reason", refund.reason().name());
                        json.writeStringField("message", refund.message());
                    } else if (command instanceof SettleTransfer settle) {
                        json.writeStringField("toAccountId", settle.toAccountId());
                        json.writeStringField("amount", settle.amount().toString());
                        json.writeNumberField("debitSequence", settle.debitSequence());
                    } else {
                        throw new IllegalArgumentException("not a saga step: " + command);
                    }
                    json.writeEndObject();
                });
    }

    /**
     * Reads a step carried by a record with the given timestamp; the step's transfer id becomes the
     * envelope's command id, so the events it causes carry the Transfer's command id.
     */
    public static CommandEnvelope decode(byte[] bytes, long timestamp) {
        JsonNode node = Json.read(bytes);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("saga step is not a JSON object");
        }
        String type = Json.requiredText(node, "type");
        AccountCommand command =
                switch (type) {
                    case "CreditTransfer" ->
                            new CreditTransfer(
                                    Json.requiredText(node, "fromAccountId"),
                                    Json.requiredText(node, "currency"),
                                    money(node),
                                    Json.requiredLong(node, "debitSequence"));
                    case "RefundTransfer" ->
                            new RefundTransfer(
                                    Json.requiredText(node, "toAccountId"),
                                    money(node),
                                    Reason.valueOf(Json.requiredText(node, "reason")),
                                    Json.requiredText(node, "message"));
                    case "SettleTransfer" ->
                            new SettleTransfer(
                                    Json.requiredText(node, "toAccountId"),
                                    money(node),
                                    Json.requiredLong(node, "debitSequence"));
                    default -> throw new IllegalArgumentException("unknown saga step " + type);
                };
        return new CommandEnvelope(
                Json.requiredText(node, "transferId"),
                Json.requiredText(node, "accountId"),
                OptionalLong.empty(),
                timestamp,
                command);
    }

    private static Money money(JsonNode node) {
        return Money.parseCanonical(Json.requiredText(node, "amount"));
    }
}
