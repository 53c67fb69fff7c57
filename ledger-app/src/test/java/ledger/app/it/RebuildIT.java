package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ledger.app.embedded.EmbeddedLedger.Settings;
import ledger.codec.EventCodec;
import ledger.domain.Outcome;
import ledger.job.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints lost: the job's state rebuilt from the event log alone equals the state the live job
 * had, and new commands continue with the right sequences and dedup.
 */
class RebuildIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir Path dir;

    @Test
    void state_rebuilt_from_the_log_equals_the_checkpointed_state() throws Exception {
        Settings settings = TestLedger.settings(dir, "hashmap");
        List<Workload.Command> commands =
                new ArrayList<>(Workload.generate("rebuild", 15, 300, 11));
        commands.addAll(transfers(40));
        Set<String> ids =
                commands.stream().map(Workload.Command::commandId).collect(Collectors.toSet());
        Map<String, List<Outcome>> before;
        try (TestLedger ledger = TestLedger.start(settings)) {
            for (Workload.Command command : commands) {
                ledger.send(command.accountId(), command.json());
            }
            before = ledger.awaitOutcomes(ids, WAIT);
            // The last settle steps reach their sources just after the outcomes; a few more
            // checkpoints later the retained one holds the final state.
            Thread.sleep(3000);
        }
        Path checkpoint = Checkpoints.latest(settings.jobCheckpoints()).orElseThrow();
        Map<String, String> live = StateReader.read(checkpoint.toUri().toString());
        assertThat(live).hasSizeGreaterThanOrEqualTo(15);
        deleteAll(settings.checkpointDir());

        Settings rebuilding = settings.withRebuildState();
        try (TestLedger ledger = TestLedger.start(rebuilding)) {
            String savepoint = ledger.ledger().resumedFrom().orElseThrow();
            assertThat(savepoint).contains("rebuilt-");
            assertThat(StateReader.read(savepoint)).isEqualTo(live);

            Workload.Command repeated = commands.get(commands.size() - 1);
            ledger.send(repeated.accountId(), repeated.json());
            ledger.send(
                    "rebuild-acct-1",
                    TestLedger.money("Deposit", "after-rebuild", "rebuild-acct-1", "1"));
            Map<String, List<Outcome>> after =
                    ledger.awaitOutcomes(Set.of("after-rebuild", repeated.commandId()), WAIT);

            assertThat(after.get(repeated.commandId()))
                    .containsOnly(before.get(repeated.commandId()).get(0));
            Set<String> all = new HashSet<>(ids);
            all.add("after-rebuild");
            BankAudit.verify(ledger.bootstrapServers(), ledger.topics(), all);
            long lastSequence =
                    LogReader.readAll(ledger.bootstrapServers(), ledger.topics().events()).stream()
                            .map(r -> EventCodec.decode(r.value()))
                            .filter(e -> e.accountId().equals("rebuild-acct-1"))
                            .count();
            assertThat(after.get("after-rebuild").get(0))
                    .isEqualTo(Outcome.accepted("after-rebuild", "rebuild-acct-1", lastSequence));
        }
    }

    @Test
    void a_rocksdb_job_continues_from_state_rebuilt_from_the_log() throws Exception {
        Settings settings = TestLedger.settings(dir, "rocksdb");
        List<Workload.Command> commands = new ArrayList<>(Workload.generate("rocks", 6, 60, 13));
        commands.addAll(transfers(10).stream().map(RebuildIT::renamed).toList());
        Set<String> ids =
                commands.stream().map(Workload.Command::commandId).collect(Collectors.toSet());
        Map<String, List<Outcome>> before;
        try (TestLedger ledger = TestLedger.start(settings)) {
            for (Workload.Command command : commands) {
                ledger.send(command.accountId(), command.json());
            }
            before = ledger.awaitOutcomes(ids, WAIT);
        }
        deleteAll(settings.checkpointDir());

        try (TestLedger ledger = TestLedger.start(settings.withRebuildState())) {
            Workload.Command repeated = commands.get(commands.size() - 1);
            ledger.send(repeated.accountId(), repeated.json());
            ledger.send(
                    "rocks-acct-1",
                    TestLedger.money("Deposit", "rocks-after", "rocks-acct-1", "1"));
            Map<String, List<Outcome>> after =
                    ledger.awaitOutcomes(Set.of("rocks-after", repeated.commandId()), WAIT);

            assertThat(after.get(repeated.commandId()))
                    .containsOnly(before.get(repeated.commandId()).get(0));
            Set<String> all = new HashSet<>(ids);
            all.add("rocks-after");
            BankAudit.verify(ledger.bootstrapServers(), ledger.topics(), all);
        }
    }

    private static Workload.Command renamed(Workload.Command transfer) {
        return new Workload.Command(
                transfer.accountId().replace("rebuild-", "rocks-"),
                transfer.commandId().replace("rebuild-", "rocks-"),
                transfer.json().replace("rebuild-", "rocks-"));
    }

    /**
     * Transfers among the workload's accounts: credited, to a missing account, across currencies.
     */
    private static List<Workload.Command> transfers(int count) {
        Random random = new Random(5);
        List<Workload.Command> transfers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String from = "rebuild-acct-" + random.nextInt(15);
            String to = i % 7 == 0 ? "rebuild-missing" : "rebuild-acct-" + random.nextInt(15);
            String id = "rebuild-transfer-" + i;
            transfers.add(new Workload.Command(from, id, TestLedger.transfer(id, from, to, "1")));
        }
        return transfers;
    }

    private static void deleteAll(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(root).doesNotExist();
    }
}
