package ledger.read.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import ledger.codec.EventCodec;
import ledger.domain.AccountEvent;
import ledger.domain.AccountEvent.AccountOpened;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import ledger.domain.Money;
import ledger.domain.RecordedEvent;
import ledger.read.view.AccountRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read store on a real PostgreSQL server. */
class ReadStoreIT {

    private static final long T0 = 1_764_842_400_000L;
    private static final LogPosition EVENTS_0 = new LogPosition("ledger.events", 0);

    private static EmbeddedPostgres postgres;
    private ReadStore store;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void freshStore() throws Exception {
        store = ReadStore.connect(postgres.getJdbcUrl("postgres", "postgres"), "test_read");
        store.drop();
        store.migrate();
    }

    @AfterEach
    void closeStore() throws Exception {
        store.drop();
        store.close();
    }

    @Test
    void a_batch_projects_accounts_statements_outcomes_and_offsets_together() throws Exception {
        assertThat(store.apply(Map.of(), history(), List.of(outcome("c-2")), Map.of(EVENTS_0, 3L)))
                .isTrue();

        AccountRow alice = store.account("alice").orElseThrow();
        assertThat(alice.balanceMoney()).isEqualTo(Money.parseCanonical("70.00"));
        assertThat(alice.sequence()).isEqualTo(3);
        assertThat(store.events("alice", 2, 10))
                .hasSize(2)
                .allMatch(json -> json.contains("\"alice\""));
        assertThat(store.outcome("c-2")).contains("{\"commandId\":\"c-2\"}");
        assertThat(store.outcomes()).containsExactly("{\"commandId\":\"c-2\"}");
        assertThat(store.offsets()).isEqualTo(Map.of(EVENTS_0, 3L));
    }

    @Test
    void applying_the_same_events_twice_changes_nothing() throws Exception {
        store.apply(Map.of(), history(), List.of(), Map.of(EVENTS_0, 3L));
        List<String> once = store.dump();

        store.apply(Map.of(EVENTS_0, 3L), history(), List.of(outcome("c-x")), Map.of(EVENTS_0, 3L));

        assertThat(store.dump()).containsAll(once).hasSize(once.size() + 1);
    }

    @Test
    void a_batch_is_refused_when_the_stored_offsets_moved() throws Exception {
        store.apply(Map.of(), history(), List.of(), Map.of(EVENTS_0, 3L));

        boolean applied =
                store.apply(Map.of(EVENTS_0, 1L), history(), List.of(), Map.of(EVENTS_0, 9L));

        assertThat(applied).isFalse();
        assertThat(store.offsets()).isEqualTo(Map.of(EVENTS_0, 3L));
    }

    @Test
    void the_balance_as_of_an_instant_is_the_one_after_the_last_event_by_then() throws Exception {
        store.apply(Map.of(), history(), List.of(), Map.of(EVENTS_0, 3L));

        assertThat(store.balanceAsOf("alice", T0 - 1)).isEmpty();
        assertThat(store.balanceAsOf("alice", T0)).contains(new BalanceAt(money("0.00"), 1));
        assertThat(store.balanceAsOf("alice", T0 + 1999))
                .contains(new BalanceAt(money("100.00"), 2));
        assertThat(store.balanceAsOf("alice", T0 + 2000))
                .contains(new BalanceAt(money("70.00"), 3));
        assertThat(store.balanceAsOf("alice", Long.MAX_VALUE / 2))
                .contains(new BalanceAt(money("70.00"), 3));
    }

    @Test
    void events_of_a_command_are_found_by_its_id() throws Exception {
        store.apply(Map.of(), history(), List.of(), Map.of(EVENTS_0, 3L));

        assertThat(store.eventsOfCommand("c-2"))
                .singleElement()
                .asString()
                .contains("MoneyDeposited");
    }

    @Test
    void a_rebuilt_store_swapped_in_becomes_the_live_one() throws Exception {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        try (ReadStore next = ReadStore.connect(url, "test_read_next")) {
            next.drop();
            next.migrate();
            next.apply(Map.of(), history(), List.of(), Map.of(EVENTS_0, 3L));

            next.swapInto("test_read");
        }

        assertThat(store.account("alice")).isPresent();
        assertThat(store.offsets()).isEqualTo(Map.of(EVENTS_0, 3L));
    }

    private static List<ProjectedEvent> history() {
        return List.of(
                projected(1, T0, new AccountOpened("Alice", "EUR")),
                projected(2, T0 + 1000, new MoneyDeposited(money("100.00"), money("100.00"))),
                projected(3, T0 + 2000, new MoneyWithdrawn(money("30.00"), money("70.00"))));
    }

    private static ProjectedEvent projected(long sequence, long at, AccountEvent event) {
        RecordedEvent recorded = new RecordedEvent("alice", sequence, "c-" + sequence, at, event);
        return new ProjectedEvent(
                recorded, new String(EventCodec.encode(recorded), StandardCharsets.UTF_8));
    }

    private static ProjectedOutcome outcome(String commandId) {
        return new ProjectedOutcome(commandId, "alice", "{\"commandId\":\"" + commandId + "\"}");
    }

    private static Money money(String text) {
        return Money.parseCanonical(text);
    }
}
