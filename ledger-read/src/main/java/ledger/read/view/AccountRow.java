package ledger.read.view;

import ledger.domain.AccountEvent;
import ledger.domain.AccountEvent.AccountClosed;
import ledger.domain.AccountEvent.AccountOpened;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;
import ledger.domain.Money;
import ledger.domain.Names;
import ledger.domain.RecordedEvent;

/**
 * One account as the read side shows it: the current-accounts projection. {@link #evolve} folds
 * events in by sequence, so an event applied twice changes nothing.
 */
public record AccountRow(
        String accountId,
        String owner,
        String currency,
        int scale,
        long balance,
        long sequence,
        Status status) {

    /** Whether the account still takes commands. */
    public enum Status {
        OPEN,
        CLOSED
    }

    /** The row after an event; {@code row} is null before the account's first event. */
    public static AccountRow evolve(AccountRow row, RecordedEvent recorded) {
        if (row != null && recorded.sequence() <= row.sequence()) {
            return row;
        }
        AccountEvent event = recorded.event();
        long sequence = recorded.sequence();
        if (event instanceof AccountOpened opened) {
            return new AccountRow(
                    recorded.accountId(),
                    opened.owner(),
                    opened.currency(),
                    Names.fractionDigits(opened.currency()),
                    0,
                    sequence,
                    Status.OPEN);
        }
        if (event instanceof MoneyDeposited deposited) {
            return row.with(deposited.balance(), sequence, row.status());
        }
        if (event instanceof MoneyWithdrawn withdrawn) {
            return row.with(withdrawn.balance(), sequence, row.status());
        }
        if (event instanceof TransferDebited debited) {
            return row.with(debited.balance(), sequence, row.status());
        }
        if (event instanceof TransferCredited credited) {
            return row.with(credited.balance(), sequence, row.status());
        }
        if (event instanceof TransferRefunded refunded) {
            return row.with(refunded.balance(), sequence, row.status());
        }
        if (event instanceof AccountClosed) {
            return row.with(row.balanceMoney(), sequence, Status.CLOSED);
        }
        throw new IllegalStateException("no view of " + event.getClass().getSimpleName());
    }

    public Money balanceMoney() {
        return new Money(balance, scale);
    }

    private AccountRow with(Money newBalance, long newSequence, Status newStatus) {
        return new AccountRow(
                accountId, owner, currency, scale, newBalance.minor(), newSequence, newStatus);
    }
}
