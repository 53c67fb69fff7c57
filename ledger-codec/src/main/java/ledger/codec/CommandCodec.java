package ledger.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import ledger.domain.AccountCommand;
import ledger.domain.AccountCommand.CloseAccount;
import ledger.domain.AccountCommand.Deposit;
import ledger.domain.AccountCommand.OpenAccount;
import ledger.domain.AccountCommand.Transfer;
import ledger.domain.AccountCommand.Withdraw;
import ledger.domain.Amount;
import ledger.domain.CommandEnvelope;
import ledger.domain.Names;
import ledger.domain.Parsed;
import ledger.domain.Reason;

/**
 * The JSON of public commands. Decoding checks structure first ({@code INVALID_COMMAND}), then
 * amount syntax ({@code INVALID_AMOUNT}), as the contract orders them; rules that need the account
 * are the Decider's.
 */
public final class CommandCodec {

    /** Where a raw record's outcome can be addressed, or why it cannot be. */
    public record Address(String commandId, String accountId, String error) {
        public boolean isAddressable() {
            return error == null;
        }
    }

    private static final Map<String, Function<JsonNode, Parsed<AccountCommand>>> PUBLIC_TYPES =
            Map.of(
                    "OpenAccount", CommandCodec::openAccount,
                    "Deposit", node -> amount(node).map(Deposit::new),
                    "Withdraw", node -> amount(node).map(Withdraw::new),
                    "Transfer", CommandCodec::transfer,
                    "CloseAccount", node -> Parsed.valid(new CloseAccount()));

    private CommandCodec() {}

    /** Finds the command and account ids; records without them go to the dead-letter topic. */
    public static Address address(byte[] value) {
        return address(Json.read(value));
    }

    private static Address address(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new Address(null, null, "not a JSON object");
        }
        String commandId = Json.text(node, "commandId");
        String accountId = Json.text(node, "accountId");
        if (commandId == null) {
            return new Address(null, accountId, "no commandId string");
        }
        if (accountId == null) {
            return new Address(commandId, null, "no accountId string");
        }
        return new Address(commandId, accountId, null);
    }

    /** Decodes an addressable command carried by a record with the given timestamp. */
    public static Parsed<CommandEnvelope> decode(byte[] value, long timestamp) {
        // One parse serves both the address and the fields.
        JsonNode node = Json.read(value);
        Address address = address(node);
        if (!address.isAddressable()) {
            return invalid("unaddressable command: " + address.error());
        }
        if (!Names.isCommandId(address.commandId())) {
            return invalid("commandId must be 1-128 characters of A-Z a-z 0-9 . _ : -");
        }
        if (!Names.isAccountId(address.accountId())) {
            return invalid("accountId must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            return invalid("type must be a string");
        }
        Function<JsonNode, Parsed<AccountCommand>> reader = PUBLIC_TYPES.get(type.textValue());
        if (reader == null) {
            return invalid("unknown command type \"" + type.textValue() + "\"");
        }
        JsonNode expected = node.get("expectedSequence");
        OptionalLong expectedSequence = OptionalLong.empty();
        if (expected != null && !expected.isNull()) {
            if (!expected.isIntegralNumber()
                    || !expected.canConvertToLong()
                    || expected.longValue() < 0) {
                return invalid("expectedSequence must be an integer from 0 to 2^63-1");
            }
            expectedSequence = OptionalLong.of(expected.longValue());
        }
        OptionalLong sequence = expectedSequence;
        return reader.apply(node)
                .map(
                        command ->
                                new CommandEnvelope(
                                        address.commandId(),
                                        address.accountId(),
                                        sequence,
                                        timestamp,
                                        command));
    }

    /** The JSON a client sends for a command. */
    public static byte[] encode(CommandEnvelope envelope) {
        return Json.write(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("commandId", envelope.commandId());
                    AccountCommand command = envelope.command();
                    json.writeStringField("type", command.getClass().getSimpleName());
                    json.writeStringField("accountId", envelope.accountId());
                    if (command instanceof OpenAccount open) {
                        json.writeStringField("owner", open.owner());
                        json.writeStringField("currency", open.currency());
                    } else if (command instanceof Deposit deposit) {
                        json.writeStringField("amount", deposit.amount().toString());
                    } else if (command instanceof Withdraw withdraw) {
                        json.writeStringField("amount", withdraw.amount().toString());
                    } else if (command instanceof Transfer transfer) {
                        json.writeStringField("toAccountId", transfer.toAccountId());
                        json.writeStringField("amount", transfer.amount().toString());
                    }
                    if (envelope.expectedSequence().isPresent()) {
                        json.writeNumberField(
                                "expectedSequence", envelope.expectedSequence().getAsLong());
                    }
                    json.writeEndObject();
                });
    }

    private static Parsed<AccountCommand> openAccount(JsonNode node) {
        String owner = Json.text(node, "owner");
        if (owner == null || !Names.isOwner(owner)) {
            return invalid("owner must be a string of 1-200 characters, none a control character");
        }
        String currency = Json.text(node, "currency");
        if (currency == null || !Names.isCurrency(currency)) {
            return invalid("currency must be an upper-case ISO 4217 code such as \"EUR\"");
        }
        return Parsed.valid(new OpenAccount(owner, currency));
    }

    private static Parsed<AccountCommand> transfer(JsonNode node) {
        String to = Json.text(node, "toAccountId");
        if (to == null || !Names.isAccountId(to)) {
            return invalid("toAccountId must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        return amount(node).map(amount -> new Transfer(to, amount));
    }

    private static Parsed<Amount> amount(JsonNode node) {
        String amount = Json.text(node, "amount");
        if (amount == null) {
            return invalid("amount must be a JSON string such as \"100.50\"");
        }
        return Amount.parse(amount);
    }

    private static <T> Parsed<T> invalid(String message) {
        return Parsed.invalid(Reason.INVALID_COMMAND, message);
    }
}
