package ledger.read.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.OptionalLong;
import ledger.read.http.CommandRequest.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request body and headers become the command JSON the ledger reads from Kafka. */
class CommandRequestTest {

    private static final Route OPEN = Route.bodyAccount("OpenAccount", "accountId");
    private static final Route DEPOSIT = Route.pathAccount("Deposit");
    private static final Route TRANSFER = Route.bodyAccount("Transfer", "fromAccountId");

    private static CommandRequest build(
            Route route, String path, String body, String key, String ifMatch) {
        return CommandRequest.build(
                route, path, body.getBytes(UTF_8), key, ifMatch, () -> "fresh-id");
    }

    private static String json(CommandRequest request) {
        return new String(request.json(), UTF_8);
    }

    @Test
    void an_open_takes_its_account_from_the_body() {
        CommandRequest request =
                build(
                        OPEN,
                        null,
                        "{\"accountId\":\"alice\",\"owner\":\"Alice\",\"currency\":\"EUR\"}",
                        "c-1",
                        null);

        assertThat(request.accountId()).isEqualTo("alice");
        assertThat(json(request))
                .isEqualTo(
                        "{\"commandId\":\"c-1\",\"type\":\"OpenAccount\",\"accountId\":\"alice\","
                                + "\"owner\":\"Alice\",\"currency\":\"EUR\"}");
    }

    @Test
    void a_path_account_wins_over_the_body_and_body_ids_are_ignored() {
        CommandRequest request =
                build(
                        DEPOSIT,
                        "alice",
                        "{\"accountId\":\"bob\",\"commandId\":\"x\",\"type\":\"Withdraw\",\"amount\":\"1\"}",
                        null,
                        null);

        assertThat(json(request))
                .isEqualTo(
                        "{\"commandId\":\"fresh-id\",\"type\":\"Deposit\",\"accountId\":\"alice\","
                                + "\"amount\":\"1\"}");
    }

    @Test
    void a_transfer_is_addressed_to_its_source_account() {
        CommandRequest request =
                build(
                        TRANSFER,
                        null,
                        "{\"fromAccountId\":\"a\",\"toAccountId\":\"b\",\"amount\":\"5\"}",
                        "t",
                        null);

        assertThat(request.accountId()).isEqualTo("a");
        assertThat(json(request))
                .isEqualTo(
                        "{\"commandId\":\"t\",\"type\":\"Transfer\",\"accountId\":\"a\","
                                + "\"toAccountId\":\"b\",\"amount\":\"5\"}");
    }

    @Test
    void fields_are_passed_as_typed_for_the_ledger_to_judge() {
        CommandRequest request = build(DEPOSIT, "alice", "{\"amount\":-5,\"note\":[1]}", "c", null);

        assertThat(json(request)).endsWith("\"amount\":-5,\"note\":[1]}");
    }

    @Test
    void if_match_becomes_the_expected_sequence_over_the_body() {
        CommandRequest request = build(DEPOSIT, "alice", "{\"expectedSequence\":9}", "c", "3");

        assertThat(json(request)).endsWith("\"expectedSequence\":3}");
    }

    @Test
    void an_empty_body_is_an_empty_object() {
        assertThat(json(build(DEPOSIT, "alice", "  ", "c", null)))
                .isEqualTo("{\"commandId\":\"c\",\"type\":\"Deposit\",\"accountId\":\"alice\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":1} junk", "nope", "[]", "\"text\"", "42", "null"})
    void a_body_that_is_not_a_json_object_is_malformed(String body) {
        assertThatThrownBy(() -> build(DEPOSIT, "alice", body, "c", null))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(400);
                            assertThat(e.reason()).isEqualTo("INVALID_COMMAND");
                            assertThat(e.getMessage()).startsWith("malformed JSON");
                        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{}", "{\"accountId\":null}", "{\"accountId\":7}", "{\"accountId\":{}}"})
    void an_open_without_an_account_id_string_cannot_be_addressed(String body) {
        assertThatThrownBy(() -> build(OPEN, null, body, "c", null))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e -> assertThat(e.getMessage()).isEqualTo("accountId must be a string"));
    }

    @Test
    void a_transfer_without_a_source_string_cannot_be_addressed() {
        assertThatThrownBy(() -> build(TRANSFER, null, "{\"toAccountId\":\"b\"}", "c", null))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e ->
                                assertThat(e.getMessage())
                                        .isEqualTo("fromAccountId must be a string"));
    }

    @Test
    void if_match_holds_a_plain_or_quoted_sequence() {
        assertThat(CommandRequest.expectedSequence("2")).isEqualTo(OptionalLong.of(2));
        assertThat(CommandRequest.expectedSequence("\"2\"")).isEqualTo(OptionalLong.of(2));
        assertThat(CommandRequest.expectedSequence(" 0 ")).isEqualTo(OptionalLong.of(0));
        assertThat(CommandRequest.expectedSequence("9223372036854775807"))
                .isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    }

    @Test
    void no_if_match_or_a_star_expects_nothing() {
        assertThat(CommandRequest.expectedSequence(null)).isEmpty();
        assertThat(CommandRequest.expectedSequence("")).isEmpty();
        assertThat(CommandRequest.expectedSequence("*")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"-1", "\"2", "2\"", "W/\"2\"", "two", "1.0", "9223372036854775808", "1, 2"})
    void a_malformed_if_match_is_an_invalid_command(String header) {
        assertThatThrownBy(() -> CommandRequest.expectedSequence(header))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(400);
                            assertThat(e.reason()).isEqualTo("INVALID_COMMAND");
                        });
    }

    @Test
    void a_body_of_64_KiB_is_read_and_one_byte_more_is_413() throws Exception {
        byte[] limit = new byte[CommandRequest.MAX_BODY_BYTES];

        assertThat(CommandRequest.readBody(new ByteArrayInputStream(limit))).hasSize(limit.length);
        assertThatThrownBy(
                        () ->
                                CommandRequest.readBody(
                                        new ByteArrayInputStream(new byte[limit.length + 1])))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(413);
                            assertThat(e.reason()).isEqualTo("PAYLOAD_TOO_LARGE");
                        });
    }
}
