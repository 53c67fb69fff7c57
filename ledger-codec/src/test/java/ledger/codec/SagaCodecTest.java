package ledger.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import ledger.domain.AccountCommand.CreditTransfer;
import ledger.domain.AccountCommand.RefundTransfer;
import ledger.domain.AccountCommand.SettleTransfer;
import ledger.domain.CommandEnvelope;
import ledger.domain.Money;
import ledger.domain.Reason;
import ledger.domain.SagaStep;
import org.junit.jupiter.api.Test;

/** The internal JSON of transfer steps on the saga topic. */
class SagaCodecTest {

    private static final List<SagaStep> STEPS =
            List.of(
                    new SagaStep(
                            "bob", "t-1", new CreditTransfer("alice", "EUR", money("10.00"), 3)),
                    new SagaStep(
                            "alice",
                            "t-1",
                            new RefundTransfer(
                                    "bob", money("10.00"), Reason.CURRENCY_MISMATCH, "holds JPY")),
                    new SagaStep("alice", "t-1", new SettleTransfer("bob", money("10.00"), 3)));

    @Test
    void every_step_decodes_to_the_step_it_was_encoded_from_with_the_transfer_as_command_id() {
        for (SagaStep step : STEPS) {
            CommandEnvelope decoded = SagaCodec.decode(SagaCodec.encode(step), 42L);

            assertThat(decoded)
                    .isEqualTo(
                            new CommandEnvelope(
                                    "t-1",
                                    step.accountId(),
                                    OptionalLong.empty(),
                                    42L,
                                    step.command()));
        }
    }

    @Test
    void a_credit_step_is_plain_json_with_its_type_first() {
        assertThat(new String(SagaCodec.encode(STEPS.get(0)), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"type\":\"CreditTransfer\",\"transferId\":\"t-1\",\"accountId\":\"bob\","
                                + "\"fromAccountId\":\"alice\",\"currency\":\"EUR\","
                                + "\"amount\":\"10.00\",\"debitSequence\":3}");
    }

    @Test
    void an_unknown_or_broken_step_is_refused() {
        assertThatThrownBy(
                        () ->
                                SagaCodec.decode(
                                        "{\"type\":\"Deposit\"}".getBytes(StandardCharsets.UTF_8),
                                        0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SagaCodec.decode("nope".getBytes(StandardCharsets.UTF_8), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Money money(String text) {
        return Money.parseCanonical(text);
    }
}
