package ledger.domain;

import java.util.OptionalLong;

/**
 * The answer to a command, published under its id: accepted with the sequence of the last event it
 * wrote, or rejected with a reason and a message (and, for a refunded transfer, the refund's
 * sequence).
 */
public record Outcome(
        String commandId,
        String accountId,
        Status status,
        Reason reason,
        String message,
        OptionalLong sequence) {

    /** Whether the command took effect. */
    public enum Status {
        ACCEPTED,
        REJECTED
    }

    public static Outcome accepted(String commandId, String accountId, long sequence) {
        return new Outcome(
                commandId, accountId, Status.ACCEPTED, null, null, OptionalLong.of(sequence));
    }

    public static Outcome rejected(
            String commandId, String accountId, Reason reason, String message) {
        return new Outcome(
                commandId, accountId, Status.REJECTED, reason, message, OptionalLong.empty());
    }

    /** A rejection that still wrote an event: a transfer refunded after its debit. */
    public static Outcome rejected(
            String commandId, String accountId, Reason reason, String message, long sequence) {
        return new Outcome(
                commandId, accountId, Status.REJECTED, reason, message, OptionalLong.of(sequence));
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }
}
