package ledger.domain;

import static ledger.domain.AccountSpec.given;
import static ledger.domain.Fixtures.CLOSED;
import static ledger.domain.Fixtures.DEPOSITED_100;
import static ledger.domain.Fixtures.OPENED;
import static ledger.domain.Fixtures.WITHDRAWN_100;
import static ledger.domain.Fixtures.close;
import static ledger.domain.Fixtures.deposit;
import static ledger.domain.Fixtures.deposited;
import static ledger.domain.Fixtures.expecting;
import static ledger.domain.Fixtures.open;
import static ledger.domain.Fixtures.opened;
import static ledger.domain.Fixtures.withdraw;
import static ledger.domain.Fixtures.withdrawn;
import static ledger.domain.Reason.ACCOUNT_CLOSED;
import static ledger.domain.Reason.ACCOUNT_EXISTS;
import static ledger.domain.Reason.ACCOUNT_NOT_FOUND;
import static ledger.domain.Reason.BALANCE_NOT_ZERO;
import static ledger.domain.Reason.CONCURRENCY_CONFLICT;
import static ledger.domain.Reason.INSUFFICIENT_FUNDS;
import static ledger.domain.Reason.INVALID_AMOUNT;

import ledger.domain.AccountEvent.AccountClosed;
import ledger.domain.AccountEvent.AccountOpened;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules of an account, one behaviour per test, in the words of the contract. */
class AccountDeciderTest {

    @Nested
    class Opening {

        @Test
        void opening_a_free_account_id_is_accepted_with_the_owner_and_currency() {
            given().when(open("Alice", "EUR")).thenAccepted(new AccountOpened("Alice", "EUR"));
        }

        @Test
        void opening_an_account_that_exists_is_rejected_account_exists() {
            given(OPENED).when(open()).thenRejected(ACCOUNT_EXISTS);
        }

        @Test
        void opening_an_account_that_holds_money_is_rejected_account_exists() {
            given(OPENED, DEPOSITED_100).when(open()).thenRejected(ACCOUNT_EXISTS);
        }

        @Test
        void opening_a_closed_account_is_rejected_account_exists_because_ids_are_never_reused() {
            given(OPENED, CLOSED).when(open()).thenRejected(ACCOUNT_EXISTS);
        }
    }

    @Nested
    class Depositing {

        @Test
        void depositing_adds_the_amount_and_states_the_balance_after_it() {
            given(OPENED, DEPOSITED_100)
                    .when(deposit("50.25"))
                    .thenAccepted(deposited("50.25", "150.25"));
        }

        @Test
        void depositing_into_an_account_that_does_not_exist_is_rejected_account_not_found() {
            given().when(deposit("10.00")).thenRejected(ACCOUNT_NOT_FOUND);
        }

        @Test
        void depositing_into_a_closed_account_is_rejected_account_closed() {
            given(OPENED, CLOSED).when(deposit("10.00")).thenRejected(ACCOUNT_CLOSED);
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void withdrawing_removes_the_amount_and_states_the_balance_after_it() {
            given(OPENED, DEPOSITED_100)
                    .when(withdraw("30.00"))
                    .thenAccepted(withdrawn("30.00", "70.00"));
        }

        @Test
        void withdrawing_the_whole_balance_leaves_zero() {
            given(OPENED, DEPOSITED_100)
                    .when(withdraw("100"))
                    .thenAccepted(withdrawn("100.00", "0.00"));
        }

        @Test
        void withdrawing_more_than_the_balance_is_rejected_insufficient_funds() {
            given(OPENED, DEPOSITED_100)
                    .when(withdraw("250.00"))
                    .thenRejected(INSUFFICIENT_FUNDS)
                    .withMessage("balance 100.00 is less than 250.00");
        }

        @Test
        void withdrawing_one_cent_from_an_empty_account_is_rejected_insufficient_funds() {
            given(OPENED)
                    .when(withdraw("0.01"))
                    .thenRejected(INSUFFICIENT_FUNDS)
                    .withMessage("balance 0.00 is less than 0.01");
        }

        @Test
        void withdrawing_from_an_account_that_does_not_exist_is_rejected_account_not_found() {
            given().when(withdraw("10.00")).thenRejected(ACCOUNT_NOT_FOUND);
        }

        @Test
        void withdrawing_from_a_closed_account_is_rejected_account_closed() {
            given(OPENED, CLOSED).when(withdraw("10.00")).thenRejected(ACCOUNT_CLOSED);
        }
    }

    @Nested
    class Closing {

        @Test
        void closing_a_new_empty_account_is_accepted() {
            given(OPENED).when(close()).thenAccepted(new AccountClosed());
        }

        @Test
        void closing_an_account_emptied_by_a_withdrawal_is_accepted() {
            given(OPENED, DEPOSITED_100, WITHDRAWN_100)
                    .when(close())
                    .thenAccepted(new AccountClosed());
        }

        @Test
        void closing_an_account_that_holds_money_is_rejected_balance_not_zero() {
            given(OPENED, DEPOSITED_100)
                    .when(close())
                    .thenRejected(BALANCE_NOT_ZERO)
                    .withMessageContaining("100.00");
        }

        @Test
        void closing_an_account_that_does_not_exist_is_rejected_account_not_found() {
            given().when(close()).thenRejected(ACCOUNT_NOT_FOUND);
        }

        @Test
        void closing_a_closed_account_is_rejected_account_closed() {
            given(OPENED, CLOSED).when(close()).thenRejected(ACCOUNT_CLOSED);
        }
    }

    @Nested
    class AmountsMeetTheCurrency {

        @Test
        void a_euro_amount_finer_than_a_cent_is_rejected_invalid_amount() {
            given(OPENED, DEPOSITED_100).when(deposit("100.005")).thenRejected(INVALID_AMOUNT);
        }

        @Test
        void a_euro_withdrawal_finer_than_a_cent_is_rejected_invalid_amount() {
            given(OPENED, DEPOSITED_100).when(withdraw("0.001")).thenRejected(INVALID_AMOUNT);
        }

        @Test
        void trailing_zeros_beyond_the_minor_unit_are_accepted_as_the_same_amount() {
            given(OPENED).when(deposit("100.500")).thenAccepted(deposited("100.50", "100.50"));
        }

        @Test
        void a_yen_amount_with_a_fraction_is_rejected_invalid_amount() {
            given(opened("JPY")).when(deposit("100.5")).thenRejected(INVALID_AMOUNT);
        }

        @Test
        void a_whole_yen_amount_is_accepted_without_fraction_digits() {
            given(opened("JPY")).when(deposit("500")).thenAccepted(deposited("500", "500"));
        }

        @Test
        void a_yen_amount_with_only_zero_fraction_digits_is_accepted() {
            given(opened("JPY")).when(deposit("500.00")).writing("500", "500");
        }

        @Test
        void a_dinar_amount_with_three_fraction_digits_is_accepted() {
            given(opened("BHD")).when(deposit("1.234")).thenAccepted(deposited("1.234", "1.234"));
        }

        @Test
        void a_dinar_amount_with_four_fraction_digits_is_rejected_invalid_amount() {
            given(opened("BHD")).when(deposit("1.2345")).thenRejected(INVALID_AMOUNT);
        }
    }

    @Nested
    class TheLimitOfTenToTheEighteenMinorUnits {

        @Test
        void an_amount_of_ten_to_the_eighteen_minor_units_is_rejected_invalid_amount() {
            given(OPENED).when(deposit("10000000000000000.00")).thenRejected(INVALID_AMOUNT);
        }

        @Test
        void the_largest_amount_below_the_limit_is_accepted() {
            given(OPENED)
                    .when(deposit("9999999999999999.99"))
                    .thenAccepted(deposited("9999999999999999.99", "9999999999999999.99"));
        }

        @Test
        void a_yen_amount_of_ten_to_the_eighteen_is_rejected_invalid_amount() {
            given(opened("JPY")).when(deposit("1000000000000000000")).thenRejected(INVALID_AMOUNT);
        }

        @Test
        void a_deposit_taking_the_balance_to_ten_to_the_eighteen_is_rejected_invalid_amount() {
            given(OPENED, DEPOSITED_100)
                    .when(deposit("9999999999999900.00"))
                    .thenRejected(INVALID_AMOUNT);
        }

        @Test
        void a_deposit_taking_the_balance_just_below_ten_to_the_eighteen_is_accepted() {
            given(OPENED, DEPOSITED_100)
                    .when(deposit("9999999999999899.99"))
                    .thenAccepted(deposited("9999999999999899.99", "9999999999999999.99"));
        }

        @Test
        void one_cent_more_on_a_full_balance_is_rejected_invalid_amount() {
            given(OPENED, deposited("9999999999999999.99", "9999999999999999.99"))
                    .when(deposit("0.01"))
                    .thenRejected(INVALID_AMOUNT);
        }

        @Test
        void a_withdrawal_of_ten_to_the_eighteen_minor_units_is_rejected_invalid_amount() {
            given(OPENED, DEPOSITED_100)
                    .when(withdraw("10000000000000000.00"))
                    .thenRejected(INVALID_AMOUNT);
        }
    }

    @Nested
    class CanonicalAmountsAndBalances {

        @Test
        void a_deposit_of_100_point_5_euros_is_written_as_100_50() {
            given(OPENED).when(deposit("100.5")).writing("100.50", "100.50");
        }

        @Test
        void a_deposit_with_leading_zeros_is_written_without_them() {
            given(OPENED).when(deposit("007.50")).writing("7.50", "7.50");
        }

        @Test
        void a_deposit_of_one_cent_is_written_as_0_01() {
            given(OPENED).when(deposit("0.01")).writing("0.01", "0.01");
        }

        @Test
        void a_whole_euro_deposit_is_written_with_two_fraction_digits() {
            given(OPENED, DEPOSITED_100).when(deposit("7")).writing("7.00", "107.00");
        }

        @Test
        void a_withdrawal_leaving_nothing_writes_a_zero_balance_with_fraction_digits() {
            given(OPENED, DEPOSITED_100).when(withdraw("100.000")).writing("100.00", "0.00");
        }

        @Test
        void a_dinar_deposit_is_written_with_three_fraction_digits() {
            given(opened("BHD")).when(deposit("2.5")).writing("2.500", "2.500");
        }
    }

    @Nested
    class ExpectedSequence {

        @Test
        void a_command_expecting_the_accounts_last_sequence_is_accepted() {
            given(OPENED, DEPOSITED_100)
                    .when(expecting(2, withdraw("30.00")))
                    .thenAccepted(withdrawn("30.00", "70.00"));
        }

        @Test
        void a_command_expecting_an_older_sequence_is_rejected_concurrency_conflict() {
            given(OPENED, DEPOSITED_100)
                    .when(expecting(1, withdraw("30.00")))
                    .thenRejected(CONCURRENCY_CONFLICT)
                    .withMessage("expected sequence 1 but the account is at 2");
        }

        @Test
        void a_command_expecting_a_later_sequence_is_rejected_concurrency_conflict() {
            given(OPENED).when(expecting(5, deposit("1.00"))).thenRejected(CONCURRENCY_CONFLICT);
        }

        @Test
        void opening_a_free_account_id_expecting_sequence_zero_is_accepted() {
            given().when(expecting(0, open())).thenAccepted(OPENED);
        }

        @Test
        void a_command_expecting_zero_on_an_account_with_events_is_rejected_concurrency_conflict() {
            given(OPENED).when(expecting(0, deposit("1.00"))).thenRejected(CONCURRENCY_CONFLICT);
        }

        @Test
        void closing_expecting_the_last_sequence_is_accepted() {
            given(OPENED, DEPOSITED_100, WITHDRAWN_100)
                    .when(expecting(3, close()))
                    .thenAccepted(new AccountClosed());
        }
    }

    /** The contract's numbered order: the first failing check names the reason. */
    @Nested
    class CheckOrder {

        @Test
        void a_concurrency_conflict_beats_account_not_found() {
            given().when(expecting(3, deposit("10.00"))).thenRejected(CONCURRENCY_CONFLICT);
        }

        @Test
        void a_concurrency_conflict_beats_account_exists() {
            given(OPENED).when(expecting(0, open())).thenRejected(CONCURRENCY_CONFLICT);
        }

        @Test
        void a_concurrency_conflict_beats_account_closed() {
            given(OPENED, CLOSED)
                    .when(expecting(1, deposit("10.00")))
                    .thenRejected(CONCURRENCY_CONFLICT);
        }

        @Test
        void a_concurrency_conflict_beats_insufficient_funds() {
            given(OPENED).when(expecting(7, withdraw("10.00"))).thenRejected(CONCURRENCY_CONFLICT);
        }

        @Test
        void a_concurrency_conflict_beats_balance_not_zero() {
            given(OPENED, DEPOSITED_100)
                    .when(expecting(1, close()))
                    .thenRejected(CONCURRENCY_CONFLICT);
        }

        @Test
        void account_not_found_beats_invalid_amount_precision() {
            given().when(deposit("100.005")).thenRejected(ACCOUNT_NOT_FOUND);
        }

        @Test
        void account_closed_beats_invalid_amount_precision() {
            given(OPENED, CLOSED).when(deposit("100.005")).thenRejected(ACCOUNT_CLOSED);
        }

        @Test
        void account_closed_beats_an_amount_over_the_limit() {
            given(OPENED, CLOSED)
                    .when(withdraw("10000000000000000.00"))
                    .thenRejected(ACCOUNT_CLOSED);
        }

        @Test
        void invalid_amount_precision_beats_insufficient_funds() {
            given(OPENED, DEPOSITED_100).when(withdraw("250.005")).thenRejected(INVALID_AMOUNT);
        }

        @Test
        void an_amount_over_the_limit_beats_insufficient_funds() {
            given(OPENED, DEPOSITED_100)
                    .when(withdraw("10000000000000000.00"))
                    .thenRejected(INVALID_AMOUNT);
        }

        @Test
        void account_closed_beats_balance_not_zero() {
            // A log the Decider would never write, but evolve must take any history as it is.
            given(OPENED, DEPOSITED_100, CLOSED).when(close()).thenRejected(ACCOUNT_CLOSED);
        }
    }
}
