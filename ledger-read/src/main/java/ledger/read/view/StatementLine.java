package ledger.read.view;

import ledger.domain.AccountEvent;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;
import ledger.domain.Money;
import ledger.domain.RecordedEvent;

/**
 * One line of an account's statement: an event with the balance after it, and for money events the
 * amount (and the transfer it belongs to). The event's JSON is kept exactly as the log holds it, so
 * the API answers with the log's own bytes.
 */
public record StatementLine(
        String accountId,
        long sequence,
        long occurredAt,
        String type,
        String commandId,
        Money balance,
        Money amount,
        String transferId,
        String eventJson) {

    /** The line for an event, given the account row after it. */
    public static StatementLine of(RecordedEvent event, AccountRow after, String eventJson) {
        AccountEvent e = event.event();
        Money amount = null;
        String transferId = null;
        if (e instanceof MoneyDeposited deposited) {
            amount = deposited.amount();
        } else if (e instanceof MoneyWithdrawn withdrawn) {
            amount = withdrawn.amount();
        } else if (e instanceof TransferDebited debited) {
            amount = debited.amount();
            transferId = debited.transferId();
        } else if (e instanceof TransferCredited credited) {
            amount = credited.amount();
            transferId = credited.transferId();
        } else if (e instanceof TransferRefunded refunded) {
            amount = refunded.amount();
            transferId = refunded.transferId();
        }
        return new StatementLine(
                event.accountId(),
                event.sequence(),
                event.occurredAt(),
                e.getClass().getSimpleName(),
                event.commandId(),
                after.balanceMoney(),
                amount,
                transferId,
                eventJson);
    }
}
