package ledger.domain;

import java.util.Optional;
import ledger.domain.Account.Status;
import ledger.domain.AccountCommand.CloseAccount;
import ledger.domain.AccountCommand.Deposit;
import ledger.domain.AccountCommand.OpenAccount;
import ledger.domain.AccountCommand.Withdraw;
import ledger.domain.AccountEvent.AccountClosed;
import ledger.domain.AccountEvent.AccountOpened;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;

/**
 * The rules of an account as a Decider: {@link #decide} judges a command against the current state,
 * {@link #evolve} folds an event into it. Both are pure: no clock, no randomness, no I/O.
 */
public final class AccountDecider {

    private AccountDecider() {}

    public static Account initialState() {
        return Account.UNOPENED;
    }

    /** Judges a command in the contract's order: sequence, account, amount, funds. */
    public static Decision decide(CommandEnvelope envelope, Account state) {
        if (envelope.expectedSequence().isPresent()
                && envelope.expectedSequence().getAsLong() != state.sequence()) {
            return Decision.reject(
                    Reason.CONCURRENCY_CONFLICT,
                    "expected sequence "
                            + envelope.expectedSequence().getAsLong()
                            + " but the account is at "
                            + state.sequence());
        }
        AccountCommand command = envelope.command();
        if (command instanceof OpenAccount open) {
            return open(open, state, envelope.accountId());
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
                    at);
        }
        if (event instanceof MoneyDeposited deposited) {
            return withBalance(state, deposited.balance(), sequence, at);
        }
        if (event instanceof MoneyWithdrawn withdrawn) {
            return withBalance(state, withdrawn.balance(), sequence, at);
        }
        if (event instanceof AccountClosed) {
            return new Account(
                    Status.CLOSED,
                    state.owner(),
                    state.currency(),
                    state.scale(),
                    state.balance(),
                    sequence,
                    at);
        }
        throw new IllegalStateException("no handler for " + event.getClass().getSimpleName());
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
        Money balance = state.balanceMoney();
        if (balance.overflowsWith(amount.get())) {
            return Decision.reject(
                    Reason.INVALID_AMOUNT,
                    "a deposit of "
                            + amount.get()
                            + " would take the balance to 10^18 minor units");
        }
        return Decision.accept(new MoneyDeposited(amount.get(), balance.plus(amount.get())));
    }

    private static Decision withdraw(Withdraw withdraw, Account state) {
        Optional<Money> amount = withdraw.amount().inScale(state.scale());
        if (amount.isEmpty()) {
            return badAmount(withdraw.amount(), state);
        }
        Money balance = state.balanceMoney();
        if (balance.lessThan(amount.get())) {
            return Decision.reject(
                    Reason.INSUFFICIENT_FUNDS,
                    "balance " + balance + " is less than " + amount.get());
        }
        return Decision.accept(new MoneyWithdrawn(amount.get(), balance.minus(amount.get())));
    }

    private static Decision close(Account state) {
        if (state.balance() != 0) {
            return Decision.reject(
                    Reason.BALANCE_NOT_ZERO,
                    "balance is " + state.balanceMoney() + "; only an empty account can close");
        }
        return Decision.accept(new AccountClosed());
    }

    private static Optional<Decision> requireOpen(Account state, String accountId) {
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

    private static Decision badAmount(Amount amount, Account state) {
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

    private static Account withBalance(Account state, Money balance, long sequence, long at) {
        return new Account(
                state.status(),
                state.owner(),
                state.currency(),
                state.scale(),
                balance.minor(),
                sequence,
                at);
    }
}
