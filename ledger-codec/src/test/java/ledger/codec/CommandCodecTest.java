package ledger.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ledger.domain.AccountCommand;
import ledger.domain.AccountCommand.CloseAccount;
import ledger.domain.AccountCommand.CreditTransfer;
import ledger.domain.AccountCommand.Deposit;
import ledger.domain.AccountCommand.OpenAccount;
import ledger.domain.AccountCommand.RefundTransfer;
import ledger.domain.AccountCommand.SettleTransfer;
import ledger.domain.AccountCommand.Transfer;
import ledger.domain.AccountCommand.Withdraw;
import ledger.domain.Amount;
import ledger.domain.CommandEnvelope;
import ledger.domain.Parsed;
import ledger.domain.Reason;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON of public commands as the contract states it: round trips, addressing, and the order in
 * which a malformed command earns {@code INVALID_COMMAND} or {@code INVALID_AMOUNT}.
 *
 * <p>JSON texts are written with single quotes for readability; {@link #json} turns them into
 * double quotes.
 */
class CommandCodecTest {

    private static final long TIMESTAMP = Instant.parse("2026-12-04T10:00:00.123Z").toEpochMilli();

    /** One instance of every public command type; the round trip covers each of them. */
    private static final List<AccountCommand> COMMANDS =
            List.of(
                    new OpenAccount("Alice Liddell", "EUR"),
                    new OpenAccount("Zoë \"Z\" Ünal 😀", "JPY"),
                    new Deposit(amount("100.50")),
                    new Deposit(amount("0.001")),
                    new Withdraw(amount("7")),
                    new Withdraw(amount("123456789012345678.5")),
                    new Transfer("bob", amount("5.25")),
                    new CloseAccount());

    /** Internal types: only the saga topic carries them. */
    private static final Set<Class<?>> SAGA_STEPS =
            Set.of(CreditTransfer.class, RefundTransfer.class, SettleTransfer.class);

    private static final List<OptionalLong> EXPECTED_SEQUENCES =
            List.of(
                    OptionalLong.empty(),
                    OptionalLong.of(0),
                    OptionalLong.of(3),
                    OptionalLong.of(Long.MAX_VALUE));

    static Stream<Named<CommandEnvelope>> everyPublicCommand() {
        return COMMANDS.stream()
                .flatMap(
                        command ->
                                EXPECTED_SEQUENCES.stream()
                                        .map(
                                                expected ->
                                                        Named.of(
                                                                command + " expecting " + expected,
                                                                new CommandEnvelope(
                                                                        "c-42", "alice", expected,
                                                                        TIMESTAMP, command))));
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest(name = "{0}")
        @MethodSource("ledger.codec.CommandCodecTest#everyPublicCommand")
        void a_command_decodes_to_the_envelope_it_was_encoded_from(CommandEnvelope envelope) {
            Parsed<CommandEnvelope> decoded =
                    CommandCodec.decode(CommandCodec.encode(envelope), TIMESTAMP);

            assertThat(decoded).isEqualTo(Parsed.valid(envelope));
        }

        @Test
        void every_public_command_type_has_a_round_trip_fixture() {
            Set<Class<?>> covered =
                    COMMANDS.stream().map(Object::getClass).collect(Collectors.toSet());

            assertThat(covered)
                    .containsAll(
                            Arrays.stream(AccountCommand.class.getPermittedSubclasses())
                                    .filter(type -> !SAGA_STEPS.contains(type))
                                    .toList());
        }

        @Test
        void the_contract_example_decodes_to_a_deposit() {
            Parsed<CommandEnvelope> decoded =
                    decode(
                            "{'commandId':'c-42','type':'Deposit','accountId':'alice','amount':'100.00'}");

            assertThat(decoded)
                    .isEqualTo(
                            Parsed.valid(
                                    new CommandEnvelope(
                                            "c-42",
                                            "alice",
                                            OptionalLong.empty(),
                                            TIMESTAMP,
                                            new Deposit(amount("100.00")))));
        }

        @Test
        void the_record_timestamp_is_carried_into_the_envelope() {
            Parsed<CommandEnvelope> decoded =
                    CommandCodec.decode(
                            json("{'commandId':'c-1','type':'CloseAccount','accountId':'alice'}"),
                            42L);

            assertThat(valid(decoded).timestamp()).isEqualTo(42L);
        }

        @Test
        void a_null_expected_sequence_counts_as_absent() {
            Parsed<CommandEnvelope> decoded =
                    decode(
                            "{'commandId':'c-1','type':'CloseAccount','accountId':'alice',"
                                    + "'expectedSequence':null}");

            assertThat(valid(decoded).expectedSequence()).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0", "1", "9223372036854775807"})
        void an_expected_sequence_from_zero_to_two_to_the_63_minus_one_is_accepted(String number) {
            Parsed<CommandEnvelope> decoded =
                    decode(
                            "{'commandId':'c-1','type':'CloseAccount','accountId':'alice',"
                                    + "'expectedSequence':"
                                    + number
                                    + "}");

            assertThat(valid(decoded).expectedSequence()).hasValue(Long.parseLong(number));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"100", "100.5", "0.01", "007.50", "100.500", "100.005"})
        void an_amount_in_the_contract_syntax_is_accepted_as_written(String text) {
            Parsed<CommandEnvelope> decoded =
                    decode(
                            "{'commandId':'c-1','type':'Deposit','accountId':'alice','amount':'"
                                    + text
                                    + "'}");

            // Whether the precision fits the currency is the account's rule, not the codec's.
            assertThat(valid(decoded).command()).isEqualTo(new Deposit(amount(text)));
        }

        @Test
        void unknown_fields_are_ignored() {
            Parsed<CommandEnvelope> decoded =
                    decode(
                            "{'commandId':'c-1','type':'Withdraw','accountId':'alice',"
                                    + "'amount':'5','note':'rent','nested':{'a':[1,2,null]},"
                                    + "'owner':42}");

            assertThat(decoded)
                    .isEqualTo(
                            Parsed.valid(
                                    new CommandEnvelope(
                                            "c-1",
                                            "alice",
                                            OptionalLong.empty(),
                                            TIMESTAMP,
                                            new Withdraw(amount("5")))));
        }

        @Test
        void ids_at_their_maximum_length_are_accepted() {
            String commandId = "A".repeat(128);
            String accountId = "b".repeat(64);

            Parsed<CommandEnvelope> decoded =
                    decode(
                            "{'commandId':'"
                                    + commandId
                                    + "','type':'CloseAccount','accountId':'"
                                    + accountId
                                    + "'}");

            assertThat(valid(decoded).commandId()).isEqualTo(commandId);
            assertThat(valid(decoded).accountId()).isEqualTo(accountId);
        }

        @Test
        void ids_may_use_every_allowed_punctuation_character() {
            Parsed<CommandEnvelope> decoded =
                    decode(
                            "{'commandId':'Az09._:-','type':'CloseAccount',"
                                    + "'accountId':'Az09._-'}");

            assertThat(valid(decoded).commandId()).isEqualTo("Az09._:-");
            assertThat(valid(decoded).accountId()).isEqualTo("Az09._-");
        }

        @Test
        void an_owner_of_200_code_points_is_accepted_even_when_that_is_400_chars() {
            String owner = "😀".repeat(200);

            Parsed<CommandEnvelope> decoded =
                    decode(
                            "{'commandId':'c-1','type':'OpenAccount','accountId':'alice',"
                                    + "'owner':'"
                                    + owner
                                    + "','currency':'EUR'}");

            assertThat(valid(decoded).command()).isEqualTo(new OpenAccount(owner, "EUR"));
        }
    }

    @Nested
    class Addressing {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(
                strings = {
                    "not json",
                    "{'commandId':'c-1','accountId':",
                    "",
                    "[{'commandId':'c-1','accountId':'alice'}]",
                    "null",
                    "'c-1'",
                    "42",
                    "{'accountId':'alice','type':'CloseAccount'}",
                    "{'commandId':null,'accountId':'alice','type':'CloseAccount'}",
                    "{'commandId':42,'accountId':'alice','type':'CloseAccount'}",
                    "{'commandId':['c-1'],'accountId':'alice','type':'CloseAccount'}",
                    "{'commandId':'c-1','type':'CloseAccount'}",
                    "{'commandId':'c-1','accountId':7,'type':'CloseAccount'}",
                    "{'commandId':'c-1','accountId':{},'type':'CloseAccount'}"
                })
        void a_record_without_a_command_id_and_account_id_string_is_unaddressable(String text) {
            CommandCodec.Address address = CommandCodec.address(json(text));

            assertThat(address.isAddressable()).isFalse();
            assertThat(address.error()).isNotBlank();
        }

        @Test
        void a_null_record_value_is_unaddressable() {
            assertThat(CommandCodec.address(null).isAddressable()).isFalse();
        }

        @Test
        void an_unaddressable_record_never_decodes_to_a_command() {
            assertThat(reasonOf(CommandCodec.decode(json("[1,2]"), TIMESTAMP)))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void a_record_with_both_id_strings_is_addressed_by_them() {
            CommandCodec.Address address =
                    CommandCodec.address(json("{'commandId':'c-42','accountId':'alice'}"));

            assertThat(address.isAddressable()).isTrue();
            assertThat(address.commandId()).isEqualTo("c-42");
            assertThat(address.accountId()).isEqualTo("alice");
        }

        @Test
        void malformed_id_strings_are_still_addressable_so_they_earn_an_outcome() {
            CommandCodec.Address address =
                    CommandCodec.address(json("{'commandId':'c 42!','accountId':'ali ce'}"));

            assertThat(address.isAddressable()).isTrue();
            assertThat(address.commandId()).isEqualTo("c 42!");
            assertThat(address.accountId()).isEqualTo("ali ce");
        }

        @ParameterizedTest
        @ValueSource(strings = {" trailing", "}", " {}"})
        void a_json_object_followed_by_more_text_is_not_json_and_unaddressable(String trailing) {
            byte[] value =
                    (new String(json(closeAccount("c-1", "alice")), StandardCharsets.UTF_8)
                                    + trailing)
                            .getBytes(StandardCharsets.UTF_8);

            assertThat(CommandCodec.address(value).isAddressable()).isFalse();
        }
    }

    @Nested
    class StructureErrors {

        @ParameterizedTest
        @ValueSource(strings = {"c 42", "c/42", "c#42", ""})
        void a_command_id_with_characters_outside_the_contract_is_an_invalid_command(String id) {
            assertThat(reasonOf(decode(closeAccount(id, "alice"))))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void a_command_id_of_129_characters_is_an_invalid_command() {
            assertThat(reasonOf(decode(closeAccount("c".repeat(129), "alice"))))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ali ce", "alice:1", "alice/1", ""})
        void an_account_id_with_characters_outside_the_contract_is_an_invalid_command(String id) {
            assertThat(reasonOf(decode(closeAccount("c-1", id)))).isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void an_account_id_of_65_characters_is_an_invalid_command() {
            assertThat(reasonOf(decode(closeAccount("c-1", "a".repeat(65)))))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void a_missing_type_is_an_invalid_command() {
            assertThat(reasonOf(decode("{'commandId':'c-1','accountId':'alice'}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void a_type_that_is_not_a_string_is_an_invalid_command() {
            assertThat(reasonOf(decode("{'commandId':'c-1','accountId':'alice','type':7}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Transfer2", "CreditTransfer", "MoneyDeposited", ""})
        void an_unknown_or_internal_type_is_an_invalid_command(String type) {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','accountId':'alice','type':'"
                                                    + type
                                                    + "'}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "1.0", "1e3", "'3'", "true"})
        void an_expected_sequence_that_is_not_a_plain_non_negative_integer_is_an_invalid_command(
                String sequence) {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','type':'CloseAccount',"
                                                    + "'accountId':'alice','expectedSequence':"
                                                    + sequence
                                                    + "}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void a_null_expected_sequence_counts_as_absent() {
            CommandEnvelope envelope =
                    valid(
                            decode(
                                    "{'commandId':'c-1','type':'CloseAccount',"
                                            + "'accountId':'alice','expectedSequence':null}"));

            assertThat(envelope.expectedSequence()).isEmpty();
        }

        @Test
        void an_amount_written_as_a_json_number_is_an_invalid_command() {
            assertThat(reasonOf(decode(deposit("100")))).isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void a_missing_amount_is_an_invalid_command() {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','type':'Deposit',"
                                                    + "'accountId':'alice'}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void an_owner_with_a_control_character_is_an_invalid_command() {
            assertThat(reasonOf(decode(openAccount("Al\\u0007ice"))))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void an_owner_of_200_code_points_is_accepted_and_201_is_not() {
            assertThat(decode(openAccount("\uD83D\uDE00".repeat(200))))
                    .isInstanceOf(Parsed.Valid.class);
            assertThat(reasonOf(decode(openAccount("\uD83D\uDE00".repeat(201)))))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void a_missing_owner_is_an_invalid_command() {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','type':'OpenAccount',"
                                                    + "'accountId':'alice','currency':'EUR'}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @ParameterizedTest
        @ValueSource(strings = {"eur", "ABC", "XAU", "EURO", ""})
        void a_currency_that_is_not_an_iso_code_with_0_to_3_digits_is_an_invalid_command(
                String currency) {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','type':'OpenAccount',"
                                                    + "'accountId':'alice','owner':'Alice',"
                                                    + "'currency':'"
                                                    + currency
                                                    + "'}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @ParameterizedTest
        @ValueSource(strings = {"CreditTransfer", "RefundTransfer", "SettleTransfer"})
        void a_saga_step_sent_as_a_command_is_an_invalid_command(String type) {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','type':'"
                                                    + type
                                                    + "','accountId':'alice','fromAccountId':'bob',"
                                                    + "'currency':'EUR','amount':'1000.00',"
                                                    + "'debitSequence':1}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void a_transfer_without_a_valid_destination_is_an_invalid_command() {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','type':'Transfer',"
                                                    + "'accountId':'alice','toAccountId':'b o b',"
                                                    + "'amount':'1'}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void a_bad_structure_beats_a_bad_amount() {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c 1','type':'Deposit',"
                                                    + "'accountId':'alice','amount':'-1'}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void command_types_are_case_sensitive() {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','type':'deposit',"
                                                    + "'accountId':'alice','amount':'1'}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }

        @Test
        void an_expected_sequence_of_two_to_the_63_does_not_fit_and_is_an_invalid_command() {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','type':'CloseAccount',"
                                                    + "'accountId':'alice',"
                                                    + "'expectedSequence':9223372036854775808}")))
                    .isEqualTo(Reason.INVALID_COMMAND);
        }
    }

    @Nested
    class AmountErrors {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(
                strings = {
                    "-1",
                    "+1",
                    "1e2",
                    "1E2",
                    "1.",
                    ".5",
                    "",
                    " 1",
                    "1 ",
                    "1,5",
                    "1.2.3",
                    "0x10",
                    "NaN",
                    "Infinity",
                    "١٢",
                    "0",
                    "0.00",
                    "000"
                })
        void an_amount_string_with_a_bad_syntax_or_zero_is_an_invalid_amount(String text) {
            assertThat(reasonOf(decode(deposit("'" + text + "'"))))
                    .isEqualTo(Reason.INVALID_AMOUNT);
        }

        @Test
        void a_withdrawal_of_zero_is_an_invalid_amount() {
            assertThat(
                            reasonOf(
                                    decode(
                                            "{'commandId':'c-1','type':'Withdraw',"
                                                    + "'accountId':'alice','amount':'0'}")))
                    .isEqualTo(Reason.INVALID_AMOUNT);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "{'commandId':'c 1','type':'Deposit','accountId':'alice','amount':'-1'}",
                    "{'commandId':'c-1','type':'Deposit','accountId':'ali ce','amount':'0'}",
                    "{'commandId':'c-1','type':'Deposit','accountId':'alice','amount':'1e2',"
                            + "'expectedSequence':-1}",
                    "{'commandId':'c-1','type':'Withdraw','accountId':'alice','amount':'',"
                            + "'expectedSequence':'3'}",
                    "{'commandId':'c-1','type':'Withdraw','accountId':'alice','amount':'1.',"
                            + "'expectedSequence':1.0}",
                    "{'commandId':'c-1','type':'deposit','accountId':'alice','amount':'-1'}",
                    "{'commandId':'c-1','accountId':'alice','amount':'-1'}"
                })
        void a_command_with_both_a_bad_structure_and_a_bad_amount_is_an_invalid_command(
                String text) {
            assertThat(reasonOf(decode(text))).isEqualTo(Reason.INVALID_COMMAND);
        }
    }

    private static Parsed<CommandEnvelope> decode(String singleQuotedJson) {
        return CommandCodec.decode(json(singleQuotedJson), TIMESTAMP);
    }

    /** The UTF-8 bytes of a JSON text written with single quotes in place of double quotes. */
    private static byte[] json(String singleQuotedJson) {
        return singleQuotedJson.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static String closeAccount(String commandId, String accountId) {
        return "{'commandId':'"
                + commandId
                + "','type':'CloseAccount','accountId':'"
                + accountId
                + "'}";
    }

    private static String openAccount(String owner) {
        return "{'commandId':'c-1','type':'OpenAccount','accountId':'alice','owner':'"
                + owner
                + "','currency':'EUR'}";
    }

    /** A deposit whose amount field holds the given JSON value, as written. */
    private static String deposit(String amountJson) {
        return "{'commandId':'c-1','type':'Deposit','accountId':'alice','amount':"
                + amountJson
                + "}";
    }

    private static Amount amount(String text) {
        return new Amount(new BigDecimal(text));
    }

    private static CommandEnvelope valid(Parsed<CommandEnvelope> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid<CommandEnvelope>) parsed).value();
    }

    private static Reason reasonOf(Parsed<CommandEnvelope> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        return ((Parsed.Invalid<CommandEnvelope>) parsed).reason();
    }
}
