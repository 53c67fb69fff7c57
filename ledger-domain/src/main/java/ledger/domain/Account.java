package ledger.domain;

/**
 * The state of one account as its events left it: all the Decider needs to judge the next command.
 * A flat record of plain fields, so a stream processor can keep it without a custom serializer.
 *
 * <p>{@code transfersInFlight} and {@code inFlight} (minor units) count money debited by transfers
 * that have not settled yet: it may still come back as a refund.
 */
public record Account(
        Status status,
        String owner,
        String currency,
        int scale,
        long balance,
        long sequence,
        long lastOccurredAt,
        int transfersInFlight,
        long inFlight) {

    /** Where an account is in its life. */
    public enum Status {
        /** No event yet: the id is free. */
        UNOPENED,
        OPEN,
        CLOSED
    }

    /** The state of an account that has no events. */
    public static final Account UNOPENED =
            new Account(Status.UNOPENED, null, null, 0, 0, 0, 0, 0, 0);

    public Money balanceMoney() {
        return new Money(balance, scale);
    }

    Account with(Status newStatus, long newBalance, long newSequence, long at) {
        return new Account(
                newStatus,
                owner,
                currency,
                scale,
                newBalance,
                newSequence,
                at,
                transfersInFlight,
                inFlight);
    }

    Account inFlightBy(int transfers, long minor) {
        return new Account(
                status,
                owner,
                currency,
                scale,
                balance,
                sequence,
                lastOccurredAt,
                transfersInFlight + transfers,
                inFlight + minor);
    }
}
