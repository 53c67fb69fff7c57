package ledger.job.rebuild;

/**
 * One fact for an account's rebuilt state, read back from the log: an event to evolve (ordered by
 * its sequence), an outcome to remember under its command id, a key to remember as handled, or a
 * transfer the account sent that the destination credited.
 */
public record LogEntry(String accountId, Kind kind, long order, String key, byte[] value) {

    /** What the entry does to the account's state. */
    public enum Kind {
        EVENT,
        OUTCOME,
        HANDLED,
        SETTLED
    }
}
