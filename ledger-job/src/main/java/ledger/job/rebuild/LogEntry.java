package ledger.job.rebuild;

/**
 * One record of the ledger's log read back for a state rebuild: an event (ordered by its sequence)
 * or an outcome (which restores the command-id dedup).
 */
public record LogEntry(
        String accountId, boolean event, long sequence, String commandId, byte[] value) {}
