package ledger.read.store;

/** A partition of a topic the read side consumes. */
public record LogPosition(String topic, int partition) {}
