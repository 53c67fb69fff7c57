package ledger.domain;

/** What happened to one account. Events are facts: applying them never fails. */
public sealed interface AccountEvent {

    /** The account was opened for an owner, in a currency fixed for its life. */
    record AccountOpened(String owner, String currency) implements AccountEvent {}

    /** Money was added; {@code balance} is the balance after it. */
    record MoneyDeposited(Money amount, Money balance) implements AccountEvent {}

    /** Money was taken out; {@code balance} is the balance after it. */
    record MoneyWithdrawn(Money amount, Money balance) implements AccountEvent {}

    /** Money left for another account; it is in flight until credited there or refunded. */
    record TransferDebited(String transferId, String toAccountId, Money amount, Money balance)
            implements AccountEvent {}

    /** Money debited from another account arrived here. */
    record TransferCredited(String transferId, String fromAccountId, Money amount, Money balance)
            implements AccountEvent {}

    /** The destination refused a transfer; its money came back, for {@code reason}. */
    record TransferRefunded(
            String transferId, String toAccountId, Money amount, Money balance, Reason reason)
            implements AccountEvent {}

    /** The account was closed; it accepts nothing more and its id is never reused. */
    record AccountClosed() implements AccountEvent {}
}
