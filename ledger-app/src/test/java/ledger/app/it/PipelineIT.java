package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import ledger.app.Main;
import ledger.codec.EventCodec;
import ledger.domain.Outcome;
import ledger.domain.Reason;
import ledger.domain.RecordedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger as `ledger up` runs it: a real broker, the job on a MiniCluster, parallelism 2. */
class PipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir static Path dir;
    private static TestLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        ledger = TestLedger.start(TestLedger.settings(dir, "rocksdb"));
    }

    @AfterAll
    static void stop() throws Exception {
        ledger.close();
    }

    @Test
    void commands_in_give_events_and_outcomes_out_exactly_once() throws Exception {
        List<Workload.Command> commands = Workload.generate("flow", 20, 400, 42);
        for (Workload.Command command : commands) {
            ledger.send(command.accountId(), command.json());
        }

        Map<String, List<Outcome>> outcomes =
                ledger.awaitOutcomes(
                        commands.stream()
                                .map(Workload.Command::commandId)
                                .collect(Collectors.toSet()),
                        WAIT);

        assertThat(outcomes.values().stream().flatMap(List::stream).map(Outcome::reason))
                .contains(
                        null,
                        Reason.INSUFFICIENT_FUNDS,
                        Reason.INVALID_AMOUNT,
                        Reason.ACCOUNT_NOT_FOUND);
        LogAudit.verify(ledger.bootstrapServers(), ledger.topics());
    }

    @Test
    void a_duplicate_command_id_yields_one_event_and_the_same_outcome() throws Exception {
        ledger.send("dup", TestLedger.open("dup-open", "dup", "EUR"));
        ledger.send("dup", TestLedger.money("Deposit", "dup-1", "dup", "10"));
        ledger.send("dup", TestLedger.money("Deposit", "dup-1", "dup", "10"));
        ledger.send("dup", TestLedger.money("Withdraw", "dup-1", "dup", "999"));
        ledger.send("dup", TestLedger.money("Deposit", "dup-2", "dup", "1"));

        Map<String, List<Outcome>> outcomes =
                ledger.awaitOutcomes(Set.of("dup-open", "dup-1", "dup-2"), WAIT);

        assertThat(outcomes.get("dup-1"))
                .hasSize(3)
                .containsOnly(Outcome.accepted("dup-1", "dup", 2));
        assertThat(outcomes.get("dup-2")).containsExactly(Outcome.accepted("dup-2", "dup", 3));
        List<RecordedEvent> events = eventsOf("dup");
        assertThat(events)
                .extracting(RecordedEvent::commandId)
                .containsExactly("dup-open", "dup-1", "dup-2");
        LogAudit.verify(ledger.bootstrapServers(), ledger.topics());
    }

    @Test
    void a_poison_record_goes_to_the_dead_letter_topic_and_the_job_keeps_going() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        ledger.sendRaw("poison", "not json at all".getBytes(StandardCharsets.UTF_8), headers);
        ledger.sendRaw("poison", "null".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        ledger.sendRaw("poison", null, new RecordHeaders());
        ledger.sendRaw(
                "poison",
                "{\"accountId\":\"poison\"}".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders());
        ledger.send(
                "poison",
                "{\"commandId\":\"poison-1\",\"accountId\":\"poison\",\"type\":\"Nope\"}");
        ledger.send("poison", TestLedger.open("poison-2", "poison", "EUR"));

        Map<String, List<Outcome>> outcomes =
                ledger.awaitOutcomes(Set.of("poison-1", "poison-2"), WAIT);

        assertThat(outcomes.get("poison-1").get(0).reason()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(outcomes.get("poison-2").get(0).isAccepted()).isTrue();
        List<ConsumerRecord<byte[], byte[]>> dead =
                LogReader.readAll(ledger.bootstrapServers(), ledger.topics().dlq()).stream()
                        .filter(
                                r ->
                                        r.key() != null
                                                && new String(r.key(), StandardCharsets.UTF_8)
                                                        .equals("poison"))
                        .toList();
        assertThat(dead).hasSize(4);
        ConsumerRecord<byte[], byte[]> first = dead.get(0);
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        assertThat(header(first, "trace")).isEqualTo("t-1");
        assertThat(header(first, "error")).isEqualTo("not a JSON object");
        assertThat(dead.get(2).value()).isNull();
        assertThat(header(dead.get(3), "error")).isEqualTo("no commandId string");
        LogAudit.verify(ledger.bootstrapServers(), ledger.topics());
    }

    @Test
    void the_command_line_opens_deposits_and_reports_a_rejection_with_exit_code_1() {
        String servers = ledger.bootstrapServers();
        assertThat(
                        Main.run(
                                "open",
                                "--account",
                                "cli",
                                "--owner",
                                "Alice",
                                "--currency",
                                "EUR",
                                "--bootstrap-servers",
                                servers))
                .isEqualTo(Main.ACCEPTED);
        assertThat(
                        Main.run(
                                "deposit",
                                "--account",
                                "cli",
                                "--amount",
                                "100.5",
                                "--bootstrap-servers",
                                servers))
                .isEqualTo(Main.ACCEPTED);
        assertThat(
                        Main.run(
                                "withdraw",
                                "--account",
                                "cli",
                                "--amount",
                                "1000",
                                "--bootstrap-servers",
                                servers))
                .isEqualTo(Main.REJECTED);
        assertThat(
                        LogReader.readAll(servers, ledger.topics().events()).stream()
                                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                                .filter(json -> json.contains("\"accountId\":\"cli\""))
                                .filter(json -> json.contains("\"type\":\"MoneyDeposited\""))
                                .toList())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("\"data\":{\"amount\":\"100.50\",\"balance\":\"100.50\"}");
    }

    private static List<RecordedEvent> eventsOf(String accountId) {
        return LogReader.readAll(ledger.bootstrapServers(), ledger.topics().events()).stream()
                .map(r -> EventCodec.decode(r.value()))
                .filter(e -> e.accountId().equals(accountId))
                .toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
