package ledger.read.store;

import ledger.domain.RecordedEvent;

/** An event read from the log, with its JSON exactly as the log holds it. */
public record ProjectedEvent(RecordedEvent event, String json) {}
