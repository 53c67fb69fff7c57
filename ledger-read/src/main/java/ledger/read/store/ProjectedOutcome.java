package ledger.read.store;

/** An outcome read from the log, with its JSON exactly as published. */
public record ProjectedOutcome(String commandId, String accountId, String json) {}
