package ledger.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An event as it stands in the log: its account, its place in the account's sequence, the command
 * that caused it and when it occurred (epoch milliseconds).
 */
public record RecordedEvent(
        String accountId, long sequence, String commandId, long occurredAt, AccountEvent event) {

    /** Every event type is at version 1 today. */
    public static final int SCHEMA_VERSION = 1;

    /** A name-based UUID of the account id and sequence: the same event always has the same id. */
    public UUID eventId() {
        return UUID.nameUUIDFromBytes(
                (accountId + "#" + sequence).getBytes(StandardCharsets.UTF_8));
    }
}
