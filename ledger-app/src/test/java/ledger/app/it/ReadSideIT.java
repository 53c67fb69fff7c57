package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import ledger.app.Main;
import ledger.domain.RecordedEvent;
import ledger.read.store.BalanceAt;
import ledger.read.store.ReadStore;
import ledger.read.view.AccountRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side against the log it projects: current accounts and balances as of any instant equal
 * a replay of the event log, and a rebuild of the projections equals the live one.
 */
class ReadSideIT {

    @TempDir static Path dir;
    private static TestLedger ledger;
    private static LogAudit.Result log;

    @BeforeAll
    static void startAndLoad() throws Exception {
        ledger = TestLedger.start(TestLedger.settings(dir, "hashmap"));
        List<Workload.Command> commands = Workload.generate("read", 12, 400, 3);
        for (Workload.Command command : commands) {
            ledger.send(command.accountId(), command.json());
        }
        ledger.awaitOutcomes(
                commands.stream().map(Workload.Command::commandId).collect(Collectors.toSet()),
                Duration.ofSeconds(90));
        log = LogAudit.verify(ledger.bootstrapServers(), ledger.topics());
        ReadStore store = ledger.ledger().readSide().store();
        await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(store));
    }

    @AfterAll
    static void stop() throws Exception {
        ledger.close();
    }

    @Test
    void current_accounts_equal_a_replay_of_the_event_log() throws Exception {
        ReadStore store = ledger.ledger().readSide().store();
        for (Map.Entry<String, List<RecordedEvent>> account : log.eventsByAccount().entrySet()) {
            assertThat(store.account(account.getKey()))
                    .contains(fold(account.getValue(), Long.MAX_VALUE));
        }
    }

    @Test
    void projection_lag_is_published_as_a_jmx_metric() throws Exception {
        ObjectName projection = new ObjectName("ledger:type=Projection");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> (Long) server.getAttribute(projection, "Lag") == 0L);
        assertThat((Long) server.getAttribute(projection, "Projected")).isPositive();
    }

    @Test
    void the_balance_as_of_any_instant_equals_a_replay_of_the_log_up_to_it() throws Exception {
        ReadStore store = ledger.ledger().readSide().store();
        TreeSet<Long> instants = new TreeSet<>();
        log.eventsByAccount().values().stream()
                .flatMap(List::stream)
                .forEach(
                        e ->
                                instants.addAll(
                                        List.of(
                                                e.occurredAt() - 1,
                                                e.occurredAt(),
                                                e.occurredAt() + 1)));
        int checked = 0;
        for (Map.Entry<String, List<RecordedEvent>> account : log.eventsByAccount().entrySet()) {
            for (long instant : instants) {
                AccountRow expected = fold(account.getValue(), instant);
                Optional<BalanceAt> actual = store.balanceAsOf(account.getKey(), instant);
                if (expected == null) {
                    assertThat(actual).as("%s before it opened", account.getKey()).isEmpty();
                } else {
                    assertThat(actual)
                            .as("%s as of %d", account.getKey(), instant)
                            .contains(new BalanceAt(expected.balanceMoney(), expected.sequence()));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void replaying_the_projections_rebuilds_an_identical_store_while_the_api_serves()
            throws Exception {
        ReadStore store = ledger.ledger().readSide().store();
        List<String> before = store.dump();
        String probe = log.eventsByAccount().keySet().iterator().next();
        AtomicBoolean replaying = new AtomicBoolean(true);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        Thread reader =
                new Thread(
                        () -> {
                            HttpClient http = HttpClient.newHttpClient();
                            while (replaying.get()) {
                                try {
                                    statuses.add(
                                            http.send(
                                                            HttpRequest.newBuilder(
                                                                            URI.create(
                                                                                    ledger.apiUrl()
                                                                                            + "/accounts/"
                                                                                            + probe))
                                                                    .build(),
                                                            HttpResponse.BodyHandlers.discarding())
                                                    .statusCode());
                                } catch (Exception e) {
                                    statuses.add(-1);
                                }
                            }
                        });
        reader.start();
        int code;
        try {
            code =
                    Main.run(
                            "replay",
                            "--projections",
                            "--jdbc-url",
                            ledger.ledger().jdbcUrl(),
                            "--bootstrap-servers",
                            ledger.bootstrapServers());
        } finally {
            replaying.set(false);
            reader.join();
        }

        assertThat(code).isZero();
        assertThat(store.dump()).isEqualTo(before);
        assertThat(statuses).isNotEmpty().containsOnly(200);
    }

    /** The account after its events up to an instant; null before it opened. */
    private static AccountRow fold(List<RecordedEvent> events, long until) {
        AccountRow row = null;
        for (RecordedEvent event : events) {
            if (event.occurredAt() <= until) {
                row = AccountRow.evolve(row, event);
            }
        }
        return row;
    }

    private static boolean caughtUp(ReadStore store) throws Exception {
        for (String commandId : log.outcomes().keySet()) {
            if (store.outcome(commandId).isEmpty()) {
                return false;
            }
        }
        for (Map.Entry<String, List<RecordedEvent>> account : log.eventsByAccount().entrySet()) {
            List<RecordedEvent> events = account.getValue();
            Optional<AccountRow> row = store.account(account.getKey());
            if (row.isEmpty() || row.get().sequence() != events.get(events.size() - 1).sequence()) {
                return false;
            }
        }
        return true;
    }
}
