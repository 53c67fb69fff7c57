package ledger.domain;

/**
 * The state of one account as its events left it: all the Decider needs to judge the next command.
 * A flat record of plain fields, so a stream processor can keep it without a custom serializer.
 */
public record Account(
        Status status,
        String owner,
        String currency,
        int scale,
        long balance,
        long sequence,
        long lastOccurredAt) {

    /** Where an account is in its life. */
    public enum Status {
        /** No event yet: the id is free. */
        UNOPENED,
        OPEN,
        CLOSED
    }

    /** The state of an account that has no events. */
    public static final Account UNOPENED = new Account(Status.UNOPENED, null, null, 0, 0, 0, 0);

    public Money balanceMoney() {
        return new Money(balance, scale);
    }
}
