package ledger.read.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import ledger.domain.Outcome;
import ledger.domain.Reason;
import org.junit.jupiter.api.Test;

/** The contract's status for every outcome, and the error body of a rejection. */
class OutcomeAnswerTest {

    @Test
    void every_reason_has_the_contracts_status() {
        Map<Reason, Integer> expected =
                Map.of(
                        Reason.INVALID_COMMAND, 400,
                        Reason.INVALID_AMOUNT, 400,
                        Reason.ACCOUNT_NOT_FOUND, 404,
                        Reason.ACCOUNT_EXISTS, 409,
                        Reason.CONCURRENCY_CONFLICT, 409,
                        Reason.ACCOUNT_CLOSED, 422,
                        Reason.INSUFFICIENT_FUNDS, 422,
                        Reason.CURRENCY_MISMATCH, 422,
                        Reason.BALANCE_NOT_ZERO, 422,
                        Reason.SAME_ACCOUNT, 422);

        assertThat(expected).hasSize(Reason.values().length);
        for (Reason reason : Reason.values()) {
            assertThat(OutcomeAnswer.rejectedStatus(reason))
                    .as(reason.name())
                    .isEqualTo(expected.get(reason));
        }
    }

    @Test
    void an_accepted_open_is_201_and_other_commands_200() {
        assertThat(OutcomeAnswer.acceptedStatus(true)).isEqualTo(201);
        assertThat(OutcomeAnswer.acceptedStatus(false)).isEqualTo(200);
    }

    @Test
    void a_rejection_carries_the_message_reason_and_outcome() {
        Outcome outcome =
                Outcome.rejected("c", "alice", Reason.ACCOUNT_EXISTS, "account alice exists");

        ApiError error = OutcomeAnswer.rejected(outcome, "{\"raw\":true}");

        assertThat(error.status()).isEqualTo(409);
        assertThat(error.reason()).isEqualTo("ACCOUNT_EXISTS");
        assertThat(error.getMessage()).isEqualTo("account alice exists");
        assertThat(error.outcome()).isEqualTo("{\"raw\":true}");
    }

    @Test
    void a_rejection_without_a_message_still_has_a_sentence() {
        Outcome outcome =
                new Outcome(
                        "c-3",
                        "alice",
                        Outcome.Status.REJECTED,
                        Reason.ACCOUNT_CLOSED,
                        null,
                        OptionalLong.empty());

        assertThat(OutcomeAnswer.rejected(outcome, "{}").getMessage())
                .isEqualTo("the ledger rejected command c-3: ACCOUNT_CLOSED");
    }

    @Test
    void the_error_body_embeds_the_outcome_as_published() {
        assertThat(ApiJson.error("no", "ACCOUNT_CLOSED", "{\"commandId\":\"c\"}"))
                .isEqualTo(
                        "{\"error\":\"no\",\"reason\":\"ACCOUNT_CLOSED\",\"outcome\":{\"commandId\":\"c\"}}");
        assertThat(ApiJson.error("gone", "NOT_FOUND", null))
                .isEqualTo("{\"error\":\"gone\",\"reason\":\"NOT_FOUND\"}");
    }

    @Test
    void an_accepted_body_embeds_outcome_and_events_as_published() {
        String outcome = "{\"commandId\":\"c\",\"sequence\":2}";
        String event = "{\"sequence\":2,\"data\":{\"amount\":\"1.50\"}}";

        assertThat(ApiJson.accepted(outcome, List.of(event)))
                .isEqualTo("{\"outcome\":" + outcome + ",\"events\":[" + event + "]}");
    }
}
