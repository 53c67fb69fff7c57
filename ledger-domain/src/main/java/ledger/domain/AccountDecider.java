package ledger.domain;

import java.util.Optional;
import ledger.domain.Account.Status;
import ledger.domain.AccountCommand.CloseAccount;
import ledger.domain.AccountCommand.CreditTransfer;
import ledger.domain.AccountCommand.Deposit;
import ledger.domain.AccountCommand.OpenAccount;
import ledger.domain.AccountCommand.RefundTransfer;
import ledger.domain.AccountCommand.SettleTransfer;
import ledger.domain.AccountCommand.Transfer;
import ledger.domain.AccountCommand.Withdraw;
import ledger.domain.AccountEvent.AccountClosed;
import ledger.domain.AccountEvent.AccountOpened;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;

/**
 * The rules of an account as a Decider: {@link #decide} judges a command against the current state,
 * {@link #evolve} folds an event into it. Both are pure: no clock, no randomness, no I/O. Transfer
 * rules live in {@link TransferRules}.
 */
public final class AccountDecider {

    private AccountDecider() {}

    public static Account initialState() {
        return Account.UNOPENED;
    }

    /** Judges a command in the contract's order: same account, sequence, account, amount, funds. */
    public static Decision decide(CommandEnvelope envelope, Account state) {
        AccountCommand command = envelope.command();
        if (command instanceof Transfer transfer
                && transfer.toAccountId().equals(envelope.accountId())) {
            return Decision.reject(Reason.SAME_ACCOUNT, "cannot transfer to the same account");
        }
        if (envelope.expectedSequence().isPresent()
                && envelope.expectedSequence().getAsLong() != state.sequence()) {
            return Decision.reject(
                    Reason.CONCURRENCY_CONFLICT,
                    "expected sequence "
                            + envelope.expectedSequence().getAsLong()
                            + " but the account is at "
                            + state.sequence());
        }
        if (command instanceof OpenAccount open) {
            return open(open, state, envelope.accountId());
        }
        if (command instanceof CreditTransfer credit) {
            return TransferRules.credit(envelope, credit, state);
        }
        if (command instanceof RefundTransfer refund) {
            return TransferRules.refund(envelope, refund, state);
        }
        if (command instanceof SettleTransfer) {
            return Decision.accept();
        }
        Optional<Decision> unusable = requireOpen(state, envelope.accountId());
        if (unusable.isPresent()) {
            return unusable.get();
        }
        if (command instanceof Deposit deposit) {
            return deposit(deposit, state);
        }
        if (command instanceof Withdraw withdraw) {
            return withdraw(withdraw, state);
        }
        if (command instanceof Transfer transfer) {
            return TransferRules.transfer(envelope, transfer, state);
        }
        if (command instanceof CloseAccount) {
            return close(state);
        }
        throw new IllegalStateException("no rule for " + command.getClass().getSimpleName());
    }

    /** Applies an event that already happened. Never validates: replay must not fail. */
    public static Account evolve(Account state, RecordedEvent recorded) {
        AccountEvent event = recorded.event();
        long sequence = recorded.sequence();
        long at = Math.max(state.lastOccurredAt(), recorded.occurredAt());
        if (event instanceof AccountOpened opened) {
            return new Account(
                    Status.OPEN,
                    opened.owner(),
                    opened.currency(),
                    Names.fractionDigits(opened.currency()),
                    0,
                    sequence,
                    at,
                    0,
                    0);
        }
        if (event instanceof MoneyDeposited deposited) {
            return state.with(state.status(), deposited.balance().minor(), sequence, at);
        }
        if (event instanceof MoneyWithdrawn withdrawn) {
            return state.with(state.status(), withdrawn.balance().minor(), sequence, at);
        }
        if (event instanceof TransferDebited debited) {
            return state.with(state.status(), debited.balance().minor(), sequence, at)
                    .inFlightBy(1, debited.amount().minor());
        }
        if (event instanceof TransferCredited credited) {
            return state.with(state.status(), credited.balance().minor(), sequence, at);
        }
        if (event instanceof TransferRefunded refunded) {
            return state.with(state.status(), refunded.balance().minor(), sequence, at)
                    .inFlightBy(-1, -refunded.amount().minor());
        }
        if (event instanceof AccountClosed) {
            return state.with(Status.CLOSED, state.balance(), sequence, at);
        }
        throw new IllegalStateException("no handler for " + event.getClass().getSimpleName());
    }

    /**
     * The source learns that the destination credited a transfer: its money is no longer in flight.
     * No event: the log already holds the credit on the destination.
     */
    public static Account settle(Account state, Money amount) {
        return state.inFlightBy(-1, -amount.minor());
    }

    private static Decision open(OpenAccount open, Account state, String accountId) {
        if (state.status() != Status.UNOPENED) {
            return Decision.reject(
                    Reason.ACCOUNT_EXISTS, "account " + accountId + " already exists");
        }
        return Decision.accept(new AccountOpened(open.owner(), open.currency()));
    }

    private static Decision deposit(Deposit deposit, Account state) {
        Optional<Money> amount = deposit.amount().inScale(state.scale());
        if (amount.isEmpty()) {
            return badAmount(deposit.amount(), state);
        }
        // Money in flight may come back as a refund, and a refund must always fit.
        if (wouldReachLimit(state, amount.get())) {
            return Decision.reject(
                    Reason.INVALID_AMOUNT,
                    "a deposit of "
                            + amount.get()
                            + " would take the balance to 10^18 minor units");
        }
        Money balance = state.balanceMoney();
        return Decision.accept(new MoneyDeposited(amount.get(), balance.plus(amount.get())));
    }

    private static Decision withdraw(Withdraw withdraw, Account state) {
        Optional<Money> amount = withdraw.amount().inScale(state.scale());
        if (amount.isEmpty()) {
            return badAmount(withdraw.amount(), state);
        }
        Money balance = state.balanceMoney();
        if (balance.lessThan(amount.get())) {
            return insufficient(balance, amount.get());
        }
        return Decision.accept(new MoneyWithdrawn(amount.get(), balance.minus(amount.get())));
    }

    private static Decision close(Account state) {
        if (state.balance() != 0) {
            return Decision.reject(
                    Reason.BALANCE_NOT_ZERO,
                    "balance is " + state.balanceMoney() + "; only an empty account can close");
        }
        if (state.transfersInFlight() > 0) {
            return Decision.reject(
                    Reason.BALANCE_NOT_ZERO,
                    "a transfer from this account is in flight and may be refunded");
        }
        return Decision.accept(new AccountClosed());
    }

    static boolean wouldReachLimit(Account state, Money amount) {
        return state.balance() >= Money.LIMIT - state.inFlight() - amount.minor();
    }

    static Decision insufficient(Money balance, Money amount) {
        return Decision.reject(
                Reason.INSUFFICIENT_FUNDS, "balance " + balance + " is less than " + amount);
    }

    static Optional<Decision> requireOpen(Account state, String accountId) {
        return switch (state.status()) {
            case UNOPENED ->
                    Optional.of(
                            Decision.reject(
                                    Reason.ACCOUNT_NOT_FOUND,
                                    "account " + accountId + " does not exist"));
            case CLOSED ->
                    Optional.of(
                            Decision.reject(
                                    Reason.ACCOUNT_CLOSED, "account " + accountId + " is closed"));
            case OPEN -> Optional.empty();
        };
    }

    static Decision badAmount(Amount amount, Account state) {
        return Decision.reject(
                Reason.INVALID_AMOUNT,
                "amount "
                        + amount
                        + " does not fit "
                        + state.currency()
                        + " ("
                        + state.scale()
                        + " fraction digits, below 10^18 minor units)");
    }
}
