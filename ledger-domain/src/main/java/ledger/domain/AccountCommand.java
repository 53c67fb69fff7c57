package ledger.domain;

/** What a client asks of one account. Each arrives wrapped in a {@link CommandEnvelope}. */
public sealed interface AccountCommand {

    /** Open a new account for {@code owner} holding {@code currency}. */
    record OpenAccount(String owner, String currency) implements AccountCommand {}

    /** Add money to the account. */
    record Deposit(Amount amount) implements AccountCommand {}

    /** Take money out of the account, if its balance allows. */
    record Withdraw(Amount amount) implements AccountCommand {}

    /** Close an account whose balance is zero. */
    record CloseAccount() implements AccountCommand {}
}
