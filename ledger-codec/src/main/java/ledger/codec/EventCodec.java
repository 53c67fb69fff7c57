package ledger.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import ledger.domain.AccountEvent;
import ledger.domain.AccountEvent.AccountClosed;
import ledger.domain.AccountEvent.AccountOpened;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;
import ledger.domain.Money;
import ledger.domain.Reason;
import ledger.domain.RecordedEvent;

/** The JSON of the event log: every event type, at every schema version ever written. */
public final class EventCodec {

    private EventCodec() {}

    public static byte[] encode(RecordedEvent recorded) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("eventId", recorded.eventId().toString());
                    json.writeStringField("accountId", recorded.accountId());
                    json.writeNumberField("sequence", recorded.sequence());
                    json.writeStringField("type", recorded.event().getClass().getSimpleName());
                    json.writeNumberField("schemaVersion", RecordedEvent.SCHEMA_VERSION);
                    json.writeStringField("commandId", recorded.commandId());
                    json.writeStringField("occurredAt", Json.formatInstant(recorded.occurredAt()));
                    json.writeObjectFieldStart("data");
                    writeData(json, recorded.event());
                    json.writeEndObject();
                    json.writeEndObject();
                });
    }

    /**
     * Reads an event from the log. The log is written only by the ledger, so a record that does not
     * parse is a broken invariant, reported with an exception.
     */
    public static RecordedEvent decode(byte[] bytes) {
        JsonNode node = Json.read(bytes);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("event is not a JSON object");
        }
        JsonNode version = node.get("schemaVersion");
        if (version == null || !version.isInt() || version.intValue() != 1) {
            throw new IllegalArgumentException("unknown event schemaVersion " + version);
        }
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("event has no data object");
        }
        String type = Json.requiredText(node, "type");
        AccountEvent event =
                switch (type) {
                    case "AccountOpened" ->
                            new AccountOpened(
                                    Json.requiredText(data, "owner"),
                                    Json.requiredText(data, "currency"));
                    case "MoneyDeposited" ->
                            new MoneyDeposited(money(data, "amount"), money(data, "balance"));
                    case "MoneyWithdrawn" ->
                            new MoneyWithdrawn(money(data, "amount"), money(data, "balance"));
                    case "TransferDebited" ->
                            new TransferDebited(
                                    Json.requiredText(data, "transferId"),
                                    Json.requiredText(data, "toAccountId"),
                                    money(data, "amount"),
                                    money(data, "balance"));
                    case "TransferCredited" ->
                            new TransferCredited(
                                    Json.requiredText(data, "transferId"),
                                    Json.requiredText(data, "fromAccountId"),
                                    money(data, "amount"),
                                    money(data, "balance"));
                    case "TransferRefunded" ->
                            new TransferRefunded(
                                    Json.requiredText(data, "transferId"),
                                    Json.requiredText(data, "toAccountId"),
                                    money(data, "amount"),
                                    money(data, "balance"),
                                    reason(data));
                    case "AccountClosed" -> new AccountClosed();
                    default -> throw new IllegalArgumentException("unknown event type " + type);
                };
        return new RecordedEvent(
                Json.requiredText(node, "accountId"),
                Json.requiredLong(node, "sequence"),
                Json.requiredText(node, "commandId"),
                Json.parseInstant(Json.requiredText(node, "occurredAt")),
                event);
    }

    private static void writeData(JsonGenerator json, AccountEvent event) throws IOException {
        if (event instanceof AccountOpened opened) {
            json.writeStringField("owner", opened.owner());
            json.writeStringField("currency", opened.currency());
        } else if (event instanceof MoneyDeposited deposited) {
            json.writeStringField("amount", deposited.amount().toString());
            json.writeStringField("balance", deposited.balance().toString());
        } else if (event instanceof MoneyWithdrawn withdrawn) {
            json.writeStringField("amount", withdrawn.amount().toString());
            json.writeStringField("balance", withdrawn.balance().toString());
        } else if (event instanceof TransferDebited debited) {
            json.writeStringField("transferId", debited.transferId());
            json.writeStringField("toAccountId", debited.toAccountId());
            json.writeStringField("amount", debited.amount().toString());
            json.writeStringField("balance", debited.balance().toString());
        } else if (event instanceof TransferCredited credited) {
            json.writeStringField("transferId", credited.transferId());
            json.writeStringField("fromAccountId", credited.fromAccountId());
            json.writeStringField("amount", credited.amount().toString());
            json.writeStringField("balance", credited.balance().toString());
        } else if (event instanceof TransferRefunded refunded) {
            json.writeStringField("transferId", refunded.transferId());
            json.writeStringField("toAccountId", refunded.toAccountId());
            json.writeStringField("amount", refunded.amount().toString());
            json.writeStringField("balance", refunded.balance().toString());
            json.writeStringField("reason", refunded.reason().name());
        } else if (!(event instanceof AccountClosed)) {
            throw new IllegalStateException("no encoding for " + event.getClass().getSimpleName());
        }
    }

    private static Reason reason(JsonNode data) {
        try {
            return Reason.valueOf(Json.requiredText(data, "reason"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad reason in a TransferRefunded event");
        }
    }

    private static Money money(JsonNode data, String field) {
        try {
            return Money.parseCanonical(Json.requiredText(data, field));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad money in field " + field);
        }
    }
}
