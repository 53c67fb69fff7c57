package ledger.domain;

/** Why a command was rejected: the contract's reason codes. */
public enum Reason {
    INVALID_COMMAND,
    INVALID_AMOUNT,
    ACCOUNT_NOT_FOUND,
    ACCOUNT_EXISTS,
    ACCOUNT_CLOSED,
    INSUFFICIENT_FUNDS,
    CURRENCY_MISMATCH,
    BALANCE_NOT_ZERO,
    SAME_ACCOUNT,
    CONCURRENCY_CONFLICT
}
