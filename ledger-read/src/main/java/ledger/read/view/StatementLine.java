package ledger.read.view;

import ledger.domain.Money;
import ledger.domain.RecordedEvent;

/**
 * One line of an account's statement: an event with the balance after it. The event's JSON is kept
 * exactly as the log holds it, so the API answers with the log's own bytes.
 */
public record StatementLine(
        String accountId,
        long sequence,
        long occurredAt,
        String type,
        String commandId,
        Money balance,
        String eventJson) {

    /** The line for an event, given the account row after it. */
    public static StatementLine of(RecordedEvent event, AccountRow after, String eventJson) {
        return new StatementLine(
                event.accountId(),
                event.sequence(),
                event.occurredAt(),
                event.event().getClass().getSimpleName(),
                event.commandId(),
                after.balanceMoney(),
                eventJson);
    }
}
