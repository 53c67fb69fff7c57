package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import ledger.app.cluster.ClusterLayout;
import ledger.app.cluster.Installation;
import ledger.app.cluster.JobSettings;
import ledger.app.cluster.LocalCluster;
import ledger.app.embedded.Ports;
import ledger.codec.EventCodec;
import ledger.codec.OutcomeCodec;
import ledger.codec.Topics;
import ledger.domain.Outcome;
import ledger.domain.RecordedEvent;
import ledger.read.store.ReadStore;
import ledger.read.view.AccountRow;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ledger on a real multi-process cluster — three Kafka nodes (replication 3, min in-sync 2), a
 * Flink JobManager and two TaskManagers, PostgreSQL and `ledger api` — with the job jar submitted
 * over Flink's REST API. Under a bank workload, a TaskManager and then a Kafka node are killed with
 * kill -9 and restarted, the job is stopped with a savepoint and resumed at parallelism 4, then 2
 * again, and finally its checkpoints and savepoints are lost and its state is rebuilt from the log
 * on the cluster. The whole log must then pass {@link BankAudit}, and the PostgreSQL projections
 * must equal a replay of the log.
 */
class ClusterIT {

    private static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX);
    private static final int ACCOUNTS = 30;
    private static final int BURST = 12_000;
    // Commands/s while a process is down: on a slow machine a restart takes a minute, and every
    // command sent meanwhile is checked at the end.
    private static final int STREAM_RATE = 500;
    private static final Duration OUTCOMES = Duration.ofSeconds(180);

    private LocalCluster cluster;
    private Path dir;
    private boolean passed;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void the_bank_survives_killed_processes_and_rescaling_on_a_real_cluster() throws Exception {
        long testStarted = System.nanoTime();
        // Under target/, not a temporary directory: the processes' data and logs outlive a failure.
        dir =
                Path.of("target", "cluster-it", String.valueOf(System.currentTimeMillis()))
                        .toAbsolutePath();
        ClusterLayout layout =
                new ClusterLayout(
                        dir,
                        List.of(Ports.free(), Ports.free(), Ports.free()),
                        List.of(Ports.free(), Ports.free(), Ports.free()),
                        Ports.free(),
                        Ports.free(),
                        Ports.free(),
                        Ports.free());
        Installation install = Installation.locate(null, null);
        cluster = new LocalCluster(layout, install, line -> System.out.println("cluster: " + line));
        JobSettings job =
                new JobSettings(install.jobJar(), 2, Duration.ofSeconds(1), "rocksdb", Map.of());
        cluster.up(job, true);
        String bootstrap = layout.bootstrapServers();
        Map<String, String> figures = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();

        try (Traffic traffic = new Traffic(bootstrap, TOPICS)) {
            List<String> accounts =
                    IntStream.range(0, ACCOUNTS).mapToObj(a -> "bank-" + a).toList();
            List<Workload.Command> setup = Workload.openAndFund(accounts, "100000.00");
            // In order, one by one: a deposit must not overtake its account's opening.
            for (Workload.Command command : setup) {
                traffic.send(List.of(command));
            }
            traffic.awaitOutcomes(ids(setup, ids), OUTCOMES);

            figures.put("throughput p=2", burst(traffic, accounts, "p2", 1, ids));

            // A TaskManager that runs part of the job: killing an idle one would prove nothing.
            String taskManager = cluster.flink().busyTaskManagers().iterator().next();
            figures.put(
                    taskManager + " kill -9",
                    killUnderLoad(traffic, accounts, taskManager, 2, ids));
            figures.put(
                    "kafka-2 kill -9",
                    killUnderLoad(traffic, accounts, LocalCluster.KAFKA.get(1), 3, ids));

            figures.put("rescale 2 -> 4", rescale(job.withParallelism(4)));
            figures.put("throughput p=4", burst(traffic, accounts, "p4", 4, ids));
            figures.put("rescale 4 -> 2", rescale(job));
            figures.put("state rebuilt from the log", rebuildState(job));
            // Client retries of commands answered before the rebuild: they must get their first
            // outcomes again (BankAudit), so the rebuilt state remembers every command id. Each
            // account's retries precede its later commands on its partition, so once those are
            // answered, so are the retries.
            traffic.send(Workload.bank(accounts, "p4", BURST, 4).subList(0, 1_000));
            List<Workload.Command> last = Workload.bank(accounts, "after", 2_000, 5);
            traffic.send(last);
            traffic.awaitOutcomes(ids(last, ids), OUTCOMES);
            traffic.awaitOutcomes(ids, OUTCOMES);
        }

        BankAudit.Report report = BankAudit.verify(bootstrap, TOPICS, ids);
        int projected = projectionsEqualReplay(layout);
        figures.put(
                "commands",
                ids.size()
                        + " distinct ("
                        + report.debited()
                        + " transfers: "
                        + report.credited()
                        + " credited, "
                        + report.refunded()
                        + " refunded), "
                        + report.events()
                        + " events, "
                        + projected
                        + " accounts projected");
        figures.put("test duration", seconds(System.nanoTime() - testStarted));
        figures.forEach(
                (what, figure) -> System.out.printf("cluster test: %-22s %s%n", what, figure));
        assertThat(report.refunded()).isPositive();
        passed = true;
    }

    @AfterEach
    void down() throws Exception {
        if (cluster == null) {
            return;
        }
        try {
            cluster.down();
        } finally {
            for (String name : LocalCluster.COMPONENTS) {
                cluster.kill(name);
            }
            if (passed) {
                deleteAllButLogs();
            }
        }
    }

    /** After a pass only the logs are worth keeping: the data is most of a gigabyte. */
    private void deleteAllButLogs() throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                if (!child.equals(cluster.layout().logs())) {
                    FileUtils.deleteFileOrDirectory(child.toFile());
                }
            }
        }
    }

    /** Sends a burst as fast as the client can; commands per second until the last outcome. */
    private String burst(
            Traffic traffic, List<String> accounts, String prefix, long seed, Set<String> ids)
            throws Exception {
        List<Workload.Command> commands = Workload.bank(accounts, prefix, BURST, seed);
        long started = System.nanoTime();
        traffic.send(commands);
        long last = traffic.awaitOutcomes(ids(commands, ids), OUTCOMES);
        int distinct = new HashSet<>(commands).size();
        return String.format(
                "%.0f commands/s (%d commands, %s end to end)",
                distinct / ((last - started) / 1e9), distinct, seconds(last - started));
    }

    /**
     * Streams commands and kills a process with SIGKILL. Recovery is the time from the kill until
     * the first outcome of a command sent after it is visible, with the process still down; then it
     * is restarted and the ledger must keep flowing.
     */
    private String killUnderLoad(
            Traffic traffic, List<String> accounts, String victim, long seed, Set<String> ids)
            throws Exception {
        List<Workload.Command> commands =
                Workload.bank(accounts, "kill-" + victim, STREAM_RATE * 120, seed);
        AtomicBoolean stop = new AtomicBoolean();
        Thread stream = traffic.stream(commands, STREAM_RATE, stop);
        String jobId = cluster.activeJob().orElseThrow();
        int failoversBefore = cluster.flink().failovers(jobId);
        Thread.sleep(3_000);
        long killed = System.nanoTime();
        cluster.kill(victim);
        long flowing = traffic.awaitFlowAfter(killed, Duration.ofSeconds(120));
        long restarting = System.nanoTime();
        cluster.start(victim);
        long restarted = System.nanoTime();
        cluster.awaitRunning(jobId, Duration.ofSeconds(120));
        long flowingAfterRestart = traffic.awaitFlowAfter(restarted, Duration.ofSeconds(120));
        int failovers = cluster.flink().failovers(jobId) - failoversBefore;
        if (LocalCluster.TASK_MANAGERS.contains(victim)) {
            assertThat(failovers).as("the job lost tasks and failed over").isPositive();
        }
        Thread.sleep(2_000);
        stop.set(true);
        stream.join();
        // Only what was sent counts: the stream stopped somewhere in its list.
        commands.stream().map(Workload.Command::commandId).filter(traffic::sent).forEach(ids::add);
        return String.format(
                "outcomes again %s after the kill with it down (job failovers: %d);"
                        + " restarted in %s, outcomes %s after that",
                seconds(flowing - killed),
                failovers,
                seconds(restarted - restarting),
                seconds(flowingAfterRestart - restarted));
    }

    private String rescale(JobSettings job) throws Exception {
        long started = System.nanoTime();
        String savepoint = cluster.stopJob();
        long stopped = System.nanoTime();
        cluster.submit(job, Optional.of(savepoint));
        return String.format(
                "savepoint in %s, running at p=%d %s later",
                seconds(stopped - started),
                job.parallelism(),
                seconds(System.nanoTime() - stopped));
    }

    /**
     * Loses every checkpoint and savepoint, as after a lost disk, then rebuilds the job's state
     * from the log on the cluster and resumes the job from it.
     */
    private String rebuildState(JobSettings job) throws Exception {
        cluster.stopJob();
        ClusterLayout layout = cluster.layout();
        for (Path dir : List.of(layout.checkpoints(), layout.savepoints())) {
            Files.move(dir, dir.resolveSibling(dir.getFileName() + "-lost"));
        }
        long started = System.nanoTime();
        String savepoint = cluster.rebuildState(job);
        long rebuilt = System.nanoTime();
        cluster.submit(job, Optional.of(savepoint));
        return String.format(
                "in %s, running at p=%d %s later",
                seconds(rebuilt - started),
                job.parallelism(),
                seconds(System.nanoTime() - rebuilt));
    }

    /**
     * Every account and statement in PostgreSQL equals the fold of the account's events in the log,
     * and every outcome the first one in the log; waits for the projector to catch up.
     */
    private static int projectionsEqualReplay(ClusterLayout layout) throws Exception {
        Map<String, List<RecordedEvent>> events = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record :
                LogReader.readAll(layout.bootstrapServers(), TOPICS.events())) {
            RecordedEvent event = EventCodec.decode(record.value());
            events.computeIfAbsent(event.accountId(), a -> new ArrayList<>()).add(event);
        }
        Map<String, Outcome> outcomes = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record :
                LogReader.readAll(layout.bootstrapServers(), TOPICS.outcomes())) {
            Outcome outcome = OutcomeCodec.decode(record.value());
            outcomes.putIfAbsent(outcome.commandId(), outcome);
        }
        try (ReadStore store = ReadStore.connect(layout.jdbcUrl(), ReadStore.LIVE_SCHEMA)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (Map.Entry<String, List<RecordedEvent>> account : events.entrySet()) {
                List<RecordedEvent> log = account.getValue();
                AccountRow expected = null;
                for (RecordedEvent event : log) {
                    expected = AccountRow.evolve(expected, event);
                }
                while (!store.account(account.getKey()).equals(Optional.of(expected))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(store.account(account.getKey())).contains(expected);
                assertThat(
                                store.events(account.getKey(), 1, log.size() + 1).stream()
                                        .map(json -> EventCodec.decode(bytes(json)))
                                        .toList())
                        .as("statement of %s", account.getKey())
                        .isEqualTo(log);
            }
            // In one query: one per outcome took minutes for a log of this size.
            while (!projectedOutcomes(store).entrySet().containsAll(outcomes.entrySet())
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(projectedOutcomes(store)).containsAllEntriesOf(outcomes);
        }
        return events.size();
    }

    private static Map<String, Outcome> projectedOutcomes(ReadStore store) throws Exception {
        Map<String, Outcome> projected = new HashMap<>();
        for (String json : store.outcomes()) {
            Outcome outcome = OutcomeCodec.decode(bytes(json));
            projected.put(outcome.commandId(), outcome);
        }
        return projected;
    }

    private static Set<String> ids(List<Workload.Command> commands, Set<String> all) {
        Set<String> mine = new HashSet<>();
        commands.forEach(c -> mine.add(c.commandId()));
        all.addAll(mine);
        return mine;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
