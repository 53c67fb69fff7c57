package ledger.domain;

import static ledger.domain.AccountSpec.given;
import static ledger.domain.AccountSpec.stateAfter;
import static ledger.domain.Fixtures.ALICE;
import static ledger.domain.Fixtures.BOB;
import static ledger.domain.Fixtures.CLOSED;
import static ledger.domain.Fixtures.COMMAND_ID;
import static ledger.domain.Fixtures.DEPOSITED_100;
import static ledger.domain.Fixtures.OPENED;
import static ledger.domain.Fixtures.close;
import static ledger.domain.Fixtures.credit;
import static ledger.domain.Fixtures.deposit;
import static ledger.domain.Fixtures.envelope;
import static ledger.domain.Fixtures.eur;
import static ledger.domain.Fixtures.expecting;
import static ledger.domain.Fixtures.opened;
import static ledger.domain.Fixtures.refund;
import static ledger.domain.Fixtures.settle;
import static ledger.domain.Fixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import ledger.domain.AccountCommand.CreditTransfer;
import ledger.domain.AccountCommand.RefundTransfer;
import ledger.domain.AccountCommand.SettleTransfer;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;
import ledger.domain.AccountHandler.Handled;
import ledger.domain.AccountHandler.Memo;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A transfer as a saga: debit at the source, credit or refund at the destination, settle. */
class TransferRulesTest {

    private static final AccountEvent DEBITED_30 =
            new TransferDebited(COMMAND_ID, BOB, eur("30.00"), eur("70.00"));

    @Nested
    class AtTheSource {

        @Test
        void a_transfer_debits_the_source_and_sends_a_credit_step_to_the_destination() {
            given(OPENED, DEPOSITED_100)
                    .when(transfer(BOB, "30"))
                    .thenAccepted(DEBITED_30)
                    .sending(
                            new SagaStep(
                                    BOB,
                                    COMMAND_ID,
                                    new CreditTransfer(ALICE, "EUR", eur("30.00"), 3)));
        }

        @Test
        void a_transfer_to_the_same_account_is_rejected_same_account() {
            given(OPENED, DEPOSITED_100)
                    .when(transfer(ALICE, "1"))
                    .thenRejected(Reason.SAME_ACCOUNT);
        }

        @Test
        void same_account_is_checked_before_the_expected_sequence() {
            given(OPENED, DEPOSITED_100)
                    .when(expecting(99, transfer(ALICE, "1")))
                    .thenRejected(Reason.SAME_ACCOUNT);
        }

        @Test
        void a_transfer_beyond_the_balance_is_rejected_insufficient_funds() {
            given(OPENED, DEPOSITED_100)
                    .when(transfer(BOB, "100.01"))
                    .thenRejected(Reason.INSUFFICIENT_FUNDS);
        }

        @Test
        void a_transfer_from_a_missing_or_closed_account_is_rejected() {
            given().when(transfer(BOB, "1")).thenRejected(Reason.ACCOUNT_NOT_FOUND);
            given(OPENED, CLOSED).when(transfer(BOB, "1")).thenRejected(Reason.ACCOUNT_CLOSED);
        }

        @Test
        void a_transfer_finer_than_the_currency_is_rejected_invalid_amount() {
            given(OPENED, DEPOSITED_100)
                    .when(transfer(BOB, "0.001"))
                    .thenRejected(Reason.INVALID_AMOUNT);
        }

        @Test
        void an_account_with_a_transfer_in_flight_cannot_close_even_at_zero() {
            given(
                            OPENED,
                            DEPOSITED_100,
                            new TransferDebited(COMMAND_ID, BOB, eur("100.00"), eur("0.00")))
                    .when(close())
                    .thenRejected(Reason.BALANCE_NOT_ZERO);
        }

        @Test
        void money_in_flight_counts_toward_the_limit_of_a_deposit() {
            Money nearLimit = new Money(Money.LIMIT - 100, 2);
            given(
                            OPENED,
                            new AccountEvent.MoneyDeposited(nearLimit, nearLimit),
                            new TransferDebited(
                                    COMMAND_ID,
                                    BOB,
                                    new Money(50, 2),
                                    new Money(Money.LIMIT - 150, 2)))
                    .when(deposit("1.00"))
                    .thenRejected(Reason.INVALID_AMOUNT);
        }

        @Test
        void a_refund_returns_the_money_and_answers_the_transfer_rejected_with_its_sequence() {
            Account inFlight = stateAfter(OPENED, DEPOSITED_100, DEBITED_30);

            Handled handled =
                    AccountHandler.handle(
                            envelope(refund(BOB, "30.00", Reason.ACCOUNT_CLOSED)), inFlight);

            assertThat(handled.events())
                    .extracting(RecordedEvent::event)
                    .containsExactly(
                            new TransferRefunded(
                                    COMMAND_ID,
                                    BOB,
                                    eur("30.00"),
                                    eur("100.00"),
                                    Reason.ACCOUNT_CLOSED));
            Outcome rejected =
                    Outcome.rejected(COMMAND_ID, ALICE, Reason.ACCOUNT_CLOSED, "refused", 4);
            assertThat(handled.outcome()).contains(rejected);
            assertThat(handled.memos()).contains(new Memo(COMMAND_ID, Optional.of(rejected)));
            assertThat(handled.state().transfersInFlight()).isZero();
            assertThat(handled.state().inFlight()).isZero();
        }

        @Test
        void a_settle_step_ends_the_flight_and_remembers_the_accepted_outcome_without_an_event() {
            Account inFlight = stateAfter(OPENED, DEPOSITED_100, DEBITED_30);

            Handled handled = AccountHandler.handle(envelope(settle(BOB, "30.00", 3)), inFlight);

            assertThat(handled.events()).isEmpty();
            assertThat(handled.outcome()).isEmpty();
            assertThat(handled.memos())
                    .contains(
                            new Memo(
                                    COMMAND_ID,
                                    Optional.of(Outcome.accepted(COMMAND_ID, ALICE, 3))));
            assertThat(handled.state().transfersInFlight()).isZero();
            assertThat(handled.state().balance()).isEqualTo(7000);
        }

        @Test
        void a_debited_transfer_publishes_no_outcome_until_it_settles() {
            Handled handled =
                    AccountHandler.handle(
                            envelope(transfer(BOB, "30")), stateAfter(OPENED, DEPOSITED_100));

            assertThat(handled.outcome()).isEmpty();
            assertThat(handled.memos()).containsExactly(new Memo(COMMAND_ID, Optional.empty()));
            assertThat(handled.state().transfersInFlight()).isEqualTo(1);
            assertThat(handled.state().inFlight()).isEqualTo(3000);
        }
    }

    @Nested
    class AtTheDestination {

        @Test
        void an_open_account_of_the_same_currency_is_credited_and_the_source_told_to_settle() {
            given(OPENED)
                    .when(credit("carol", "EUR", "10.00", 2))
                    .thenAccepted(
                            new TransferCredited(COMMAND_ID, "carol", eur("10.00"), eur("10.00")))
                    .sending(
                            new SagaStep(
                                    "carol",
                                    COMMAND_ID,
                                    new SettleTransfer(ALICE, eur("10.00"), 2)));
        }

        @Test
        void a_credit_publishes_the_transfers_accepted_outcome_with_the_debits_sequence() {
            Handled handled =
                    AccountHandler.handle(
                            envelope(credit("carol", "EUR", "10.00", 7)), stateAfter(OPENED));

            assertThat(handled.outcome()).contains(Outcome.accepted(COMMAND_ID, "carol", 7));
            assertThat(handled.memos())
                    .containsExactly(new Memo("~CreditTransfer:" + COMMAND_ID, Optional.empty()));
        }

        @Test
        void a_missing_destination_sends_the_money_back_account_not_found() {
            given().when(credit("carol", "EUR", "10.00", 2))
                    .thenAccepted()
                    .sending(refundStep(Reason.ACCOUNT_NOT_FOUND, "account alice does not exist"));
        }

        @Test
        void a_closed_destination_sends_the_money_back_account_closed() {
            given(OPENED, CLOSED)
                    .when(credit("carol", "EUR", "10.00", 2))
                    .thenAccepted()
                    .sending(refundStep(Reason.ACCOUNT_CLOSED, "account alice is closed"));
        }

        @Test
        void a_destination_of_another_currency_sends_the_money_back_currency_mismatch() {
            given(opened("JPY"))
                    .when(credit("carol", "EUR", "10.00", 2))
                    .thenAccepted()
                    .sending(
                            refundStep(
                                    Reason.CURRENCY_MISMATCH, "account alice holds JPY, not EUR"));
        }

        @Test
        void a_credit_that_would_reach_the_limit_sends_the_money_back_invalid_amount() {
            Money nearLimit = new Money(Money.LIMIT - 500, 2);
            given(OPENED, new AccountEvent.MoneyDeposited(nearLimit, nearLimit))
                    .when(credit("carol", "EUR", "10.00", 2))
                    .thenAccepted()
                    .sending(
                            refundStep(
                                    Reason.INVALID_AMOUNT,
                                    "a credit of 10.00 would take the balance to 10^18 minor units"));
        }

        private SagaStep refundStep(Reason reason, String message) {
            return new SagaStep(
                    "carol", COMMAND_ID, new RefundTransfer(ALICE, eur("10.00"), reason, message));
        }
    }
}
