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
        commands.addAll(transfers("rebuild", 15, 40));
        Map<String, List<Outcome>> before;
        try (TestLedger ledger = TestLedger.start(settings)) {
            before = answered(ledger, commands);
            // The last settle steps reach their sources just after the outcomes; a few more
            // checkpoints later the retained one holds the final state.
            Thread.sleep(3000);
        }
        Path checkpoint = Checkpoints.latest(settings.jobCheckpoints()).orElseThrow();
        Map<String, String> live = StateReader.read(checkpoint.toUri().toString());
        assertThat(live).hasSizeGreaterThanOrEqualTo(15);
        deleteAll(settings.checkpointDir());

        try (TestLedger ledger = TestLedger.start(settings.withRebuildState())) {
            String savepoint = ledger.ledger().resumedFrom().orElseThrow();
            assertThat(savepoint).contains("rebuilt-");
            assertThat(StateReader.read(savepoint)).isEqualTo(live);
            continuesAfterRebuild(ledger, commands, before, "rebuild");
        }
    }

    @Test
    void a_rocksdb_job_continues_from_state_rebuilt_from_the_log() throws Exception {
        Settings settings = TestLedger.settings(dir, "rocksdb");
        List<Workload.Command> commands = new ArrayList<>(Workload.generate("rocks", 6, 60, 13));
        commands.addAll(transfers("rocks", 6, 10));
        Map<String, List<Outcome>> before;
        try (TestLedger ledger = TestLedger.start(settings)) {
            before = answered(ledger, commands);
        }
        deleteAll(settings.checkpointDir());

        try (TestLedger ledger = TestLedger.start(settings.withRebuildState())) {
            continuesAfterRebuild(ledger, commands, before, "rocks");
        }
    }

    /** Sends the commands and waits for the outcome of each. */
    private static Map<String, List<Outcome>> answered(
            TestLedger ledger, List<Workload.Command> commands) throws Exception {
        for (Workload.Command command : commands) {
            ledger.send(command.accountId(), command.json());
        }
        return ledger.awaitOutcomes(ids(commands), WAIT);
    }

    /**
     * On rebuilt state, a repeat of the last command gets its first outcome again and a new deposit
     * gets the next sequence of its account; the whole log then passes the bank audit.
     */
    private static void continuesAfterRebuild(
            TestLedger ledger,
            List<Workload.Command> commands,
            Map<String, List<Outcome>> before,
            String prefix)
            throws Exception {
        String account = prefix + "-acct-1";
        String deposit = prefix + "-after-rebuild";
        Workload.Command repeated = commands.get(commands.size() - 1);
        ledger.send(repeated.accountId(), repeated.json());
        ledger.send(account, TestLedger.money("Deposit", deposit, account, "1"));
        Map<String, List<Outcome>> after =
                ledger.awaitOutcomes(Set.of(deposit, repeated.commandId()), WAIT);

        assertThat(after.get(repeated.commandId()))
                .containsOnly(before.get(repeated.commandId()).get(0));
        Set<String> all = ids(commands);
        all.add(deposit);
        BankAudit.verify(ledger.bootstrapServers(), ledger.topics(), all);
        long lastSequence =
                LogReader.readAll(ledger.bootstrapServers(), ledger.topics().events()).stream()
                        .map(r -> EventCodec.decode(r.value()))
                        .filter(e -> e.accountId().equals(account))
                        .count();
        assertThat(after.get(deposit).get(0))
                .isEqualTo(Outcome.accepted(deposit, account, lastSequence));
    }

    private static Set<String> ids(List<Workload.Command> commands) {
        return commands.stream()
                .map(Workload.Command::commandId)
                .collect(Collectors.toCollection(HashSet::new));
    }

    /**
     * Transfers among the workload's accounts: credited, to a missing account, across currencies.
     */
    private static List<Workload.Command> transfers(String prefix, int accounts, int count) {
        Random random = new Random(5);
        List<Workload.Command> transfers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String from = prefix + "-acct-" + random.nextInt(accounts);
            String to =
                    i % 7 == 0 ? prefix + "-missing" : prefix + "-acct-" + random.nextInt(accounts);
            String id = prefix + "-transfer-" + i;
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
