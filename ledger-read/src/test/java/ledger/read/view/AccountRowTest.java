package ledger.read.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import ledger.domain.AccountEvent;
import ledger.domain.AccountEvent.AccountClosed;
import ledger.domain.AccountEvent.AccountOpened;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;
import ledger.domain.Money;
import ledger.domain.Reason;
import ledger.domain.RecordedEvent;
import ledger.read.view.AccountRow.Status;
import org.junit.jupiter.api.Test;

/** The current-accounts view: evolve(row, event), idempotent by sequence. */
class AccountRowTest {

    private static final RecordedEvent OPENED = event(1, new AccountOpened("Alice", "EUR"));
    private static final RecordedEvent DEPOSITED =
            event(2, new MoneyDeposited(eur("100.50"), eur("100.50")));
    private static final RecordedEvent WITHDRAWN =
            event(3, new MoneyWithdrawn(eur("100.50"), eur("0.00")));
    private static final RecordedEvent CLOSED = event(4, new AccountClosed());

    @Test
    void an_opened_account_has_its_owner_currency_and_a_zero_balance() {
        assertThat(AccountRow.evolve(null, OPENED))
                .isEqualTo(new AccountRow("alice", "Alice", "EUR", 2, 0, 1, Status.OPEN));
    }

    @Test
    void money_events_set_the_balance_and_sequence() {
        AccountRow row = fold(OPENED, DEPOSITED);

        assertThat(row.balanceMoney()).isEqualTo(eur("100.50"));
        assertThat(row.sequence()).isEqualTo(2);
        assertThat(fold(OPENED, DEPOSITED, WITHDRAWN).balance()).isZero();
    }

    @Test
    void a_closed_account_keeps_its_row_with_status_closed() {
        assertThat(fold(OPENED, DEPOSITED, WITHDRAWN, CLOSED).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void applying_an_event_twice_changes_nothing() {
        AccountRow once = fold(OPENED, DEPOSITED);

        assertThat(AccountRow.evolve(once, DEPOSITED)).isSameAs(once);
        assertThat(AccountRow.evolve(once, OPENED)).isSameAs(once);
    }

    @Test
    void every_event_type_has_a_view() {
        List<RecordedEvent> everyType =
                List.of(
                        OPENED,
                        DEPOSITED,
                        event(3, new TransferDebited("t", "bob", eur("50.00"), eur("50.50"))),
                        event(
                                4,
                                new TransferRefunded(
                                        "t",
                                        "bob",
                                        eur("50.00"),
                                        eur("100.50"),
                                        Reason.ACCOUNT_NOT_FOUND)),
                        event(5, new TransferCredited("u", "bob", eur("1.00"), eur("101.50"))),
                        event(6, new MoneyWithdrawn(eur("101.50"), eur("0.00"))),
                        event(7, new AccountClosed()));

        List<Class<?>> types = new java.util.ArrayList<>();
        everyType.forEach(e -> types.add(e.event().getClass()));
        assertThat(types).containsExactlyInAnyOrder(AccountEvent.class.getPermittedSubclasses());
        assertThat(fold(everyType.toArray(RecordedEvent[]::new)).sequence()).isEqualTo(7);
        assertThat(fold(everyType.subList(0, 5).toArray(RecordedEvent[]::new)).balanceMoney())
                .isEqualTo(eur("101.50"));
    }

    @Test
    void a_statement_line_carries_the_balance_after_its_event() {
        AccountRow after = fold(OPENED, DEPOSITED);

        StatementLine line = StatementLine.of(DEPOSITED, after, "{}");

        assertThat(line.balance()).isEqualTo(eur("100.50"));
        assertThat(line.type()).isEqualTo("MoneyDeposited");
        assertThat(line.sequence()).isEqualTo(2);
    }

    private static AccountRow fold(RecordedEvent... events) {
        AccountRow row = null;
        for (RecordedEvent event : events) {
            row = AccountRow.evolve(row, event);
        }
        return row;
    }

    private static RecordedEvent event(long sequence, AccountEvent event) {
        return new RecordedEvent("alice", sequence, "c-" + sequence, 1_000L * sequence, event);
    }

    private static Money eur(String text) {
        return Money.parseCanonical(text);
    }
}
