package ledger.domain;

/**
 * What is asked of one account. Clients send the public commands; the saga steps travel only
 * between accounts, on the saga topic. Each arrives wrapped in a {@link CommandEnvelope}.
 */
public sealed interface AccountCommand {

    /** Open a new account for {@code owner} holding {@code currency}. */
    record OpenAccount(String owner, String currency) implements AccountCommand {}

    /** Add money to the account. */
    record Deposit(Amount amount) implements AccountCommand {}

    /** Take money out of the account, if its balance allows. */
    record Withdraw(Amount amount) implements AccountCommand {}

    /** Move money from this account to another; it settles through the saga. */
    record Transfer(String toAccountId, Amount amount) implements AccountCommand {}

    /** Close an account whose balance is zero and that has no transfer in flight. */
    record CloseAccount() implements AccountCommand {}

    /** Saga step at the destination: credit money debited from another account. */
    record CreditTransfer(String fromAccountId, String currency, Money amount, long debitSequence)
            implements AccountCommand {}

    /** Saga step back at the source: the destination refused the credit; return the money. */
    record RefundTransfer(String toAccountId, Money amount, Reason reason, String message)
            implements AccountCommand {}

    /** Saga step back at the source: the destination credited the money; the transfer settled. */
    record SettleTransfer(String toAccountId, Money amount, long debitSequence)
            implements AccountCommand {}

    /** True for the steps that only the saga topic may carry. */
    default boolean isSagaStep() {
        return this instanceof CreditTransfer
                || this instanceof RefundTransfer
                || this instanceof SettleTransfer;
    }
}
