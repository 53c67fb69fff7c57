package ledger.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import ledger.domain.Outcome;
import ledger.domain.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JSON of command outcomes, field for field as the contract's examples show it. */
class OutcomeCodecTest {

    private static final Outcome ACCEPTED = Outcome.accepted("c-42", "alice", 2);

    private static final Outcome REJECTED =
            Outcome.rejected(
                    "c-43",
                    "alice",
                    Reason.INSUFFICIENT_FUNDS,
                    "balance 100.00 is less than 250.00");

    @Test
    void an_accepted_outcome_survives_a_round_trip_with_its_sequence() {
        Outcome decoded = OutcomeCodec.decode(OutcomeCodec.encode(ACCEPTED));

        assertThat(decoded).isEqualTo(ACCEPTED);
        assertThat(decoded.sequence()).hasValue(2);
    }

    @Test
    void a_rejected_outcome_survives_a_round_trip_without_a_sequence() {
        Outcome decoded = OutcomeCodec.decode(OutcomeCodec.encode(REJECTED));

        assertThat(decoded).isEqualTo(REJECTED);
        assertThat(decoded.sequence()).isEmpty();
    }

    @Test
    void an_accepted_outcome_is_written_exactly_as_the_contract_example() {
        assertThat(text(OutcomeCodec.encode(ACCEPTED)))
                .isEqualTo(
                        "{\"commandId\":\"c-42\",\"accountId\":\"alice\",\"status\":\"ACCEPTED\","
                                + "\"sequence\":2}");
    }

    @Test
    void a_rejected_outcome_is_written_exactly_as_the_contract_example() {
        assertThat(text(OutcomeCodec.encode(REJECTED)))
                .isEqualTo(
                        "{\"commandId\":\"c-43\",\"accountId\":\"alice\",\"status\":\"REJECTED\","
                                + "\"reason\":\"INSUFFICIENT_FUNDS\","
                                + "\"message\":\"balance 100.00 is less than 250.00\"}");
    }

    @Test
    void the_contract_examples_decode_to_the_outcomes_they_show() {
        assertThat(
                        OutcomeCodec.decode(
                                bytes(
                                        "{\"commandId\":\"c-42\",\"accountId\":\"alice\","
                                                + "\"status\":\"ACCEPTED\",\"sequence\":2}")))
                .isEqualTo(ACCEPTED);
        assertThat(
                        OutcomeCodec.decode(
                                bytes(
                                        "{\"commandId\":\"c-43\",\"accountId\":\"alice\","
                                                + "\"status\":\"REJECTED\","
                                                + "\"reason\":\"INSUFFICIENT_FUNDS\","
                                                + "\"message\":\"balance 100.00 is less than"
                                                + " 250.00\"}")))
                .isEqualTo(REJECTED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Reason.class)
    void every_rejection_reason_survives_a_round_trip(Reason reason) {
        Outcome rejected = Outcome.rejected("c-1", "bob", reason, "why: " + reason);

        assertThat(OutcomeCodec.decode(OutcomeCodec.encode(rejected))).isEqualTo(rejected);
    }

    @Test
    void a_message_with_quotes_escapes_and_non_ascii_text_survives_a_round_trip() {
        Outcome rejected =
                Outcome.rejected(
                        "c-1",
                        "bob",
                        Reason.INVALID_COMMAND,
                        "owner \"Zoë\\n😀\"\tcontains\na control character");

        assertThat(OutcomeCodec.decode(OutcomeCodec.encode(rejected))).isEqualTo(rejected);
    }

    @Test
    void a_rejected_outcome_that_wrote_an_event_keeps_its_sequence() {
        Outcome refunded =
                new Outcome(
                        "c-44",
                        "alice",
                        Outcome.Status.REJECTED,
                        Reason.ACCOUNT_NOT_FOUND,
                        "account bob does not exist",
                        OptionalLong.of(5));

        assertThat(OutcomeCodec.decode(OutcomeCodec.encode(refunded))).isEqualTo(refunded);
    }

    @Test
    void the_largest_sequence_survives_a_round_trip() {
        Outcome accepted = Outcome.accepted("c-1", "bob", Long.MAX_VALUE);

        assertThat(OutcomeCodec.decode(OutcomeCodec.encode(accepted))).isEqualTo(accepted);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
