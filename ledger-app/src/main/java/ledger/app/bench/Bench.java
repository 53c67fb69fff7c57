package ledger.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * {@code ledger bench}: starts the ledger (or finds one running), opens and funds the accounts,
 * then measures in one run the log's baselines, the throughput of a backlog, the latency at paced
 * rates and the replays, and reports each figure beside its baseline.
 */
public final class Bench {

    private final BenchPlan plan;
    private final Progress progress;
    private Thread shutdownHook;
    private int phases;

    public Bench(BenchPlan plan, PrintWriter err) {
        this.plan = plan;
        this.progress = new Progress(err);
    }

    public Report run() throws Exception {
        long started = System.nanoTime();
        boolean temporary = plan.dataDir() == null;
        Path dataDir =
                temporary
                        ? Files.createTempDirectory("ledger-bench")
                        : plan.dataDir().toAbsolutePath().normalize();
        String previousLog = System.getProperty("ledger.log.file");
        logTo(dataDir.resolve("logs").resolve("ledger.log").toString());
        boolean finished = false;
        try (Footprint footprint = new Footprint()) {
            progress.note(
                    plan.embedded()
                            ? "starting Kafka, the job, PostgreSQL and the read side in " + dataDir
                            : "measuring the ledger at " + plan.bootstrapServers());
            try (Target target =
                    plan.embedded() ? Target.embedded(plan, dataDir) : Target.external(plan)) {
                stopOnExit(target);
                progress.note(
                        String.format("ready after %.1f s", (System.nanoTime() - started) / 1e9));
                Report report = measure(target, dataDir, footprint, started);
                progress.note("stopping");
                finished = true;
                return report;
            }
        } finally {
            stopOnExit(null);
            logTo(previousLog);
            if (temporary && finished) {
                deleteTree(dataDir);
            } else if (temporary) {
                progress.note("kept " + dataDir + " for its logs (logs/ledger.log)");
            }
        }
    }

    private Report measure(Target target, Path dataDir, Footprint footprint, long started)
            throws Exception {
        String run = "bench" + Long.toString(System.currentTimeMillis(), 36);
        Workload workload = new Workload(plan, run);
        BenchClients clients = new BenchClients(target.kafka());
        BacklogPhase backlog = new BacklogPhase(target, clients, progress);

        setup(workload, backlog, target, clients);
        long heapAfterSetup = footprint.heapAfterGc();
        Report.Baseline baseline =
                new Baselines(target, clients, progress, plan.checkpointInterval())
                        .run(workload.sequence("raw", plan.seed() + 1), plan.commands(), run);

        int distinct = workload.distinct(plan.seed(), plan.commands());
        Workload.Sequence commands = workload.sequence("b", plan.seed());
        // The job alone, as against the baselines: on two cores the projection would take a
        // share of them. It catches up afterwards, and that time counts for the read store.
        target.pauseProjection(true);
        BacklogPhase.Result result;
        try {
            result =
                    backlog.run(
                            "backlog",
                            commands::next,
                            workload.idPrefix("b"),
                            plan.commands(),
                            distinct);
        } finally {
            target.pauseProjection(false);
        }
        long heapAfterBacklog = footprint.heapAfterGc();
        Double readStoreRate = null;
        if (settle(target, clients, "backlog: read store")) {
            readStoreRate = plan.commands() / ((System.nanoTime() - result.start()) / 1e9);
        }
        List<Report.Latency> latency =
                latency(workload, target, clients, result.commandsPerSecond());

        long heapAfterLatency = footprint.heapAfterGc();
        ReplayPhase replay = new ReplayPhase(target, clients, progress);
        long events = replay.countEvents();
        double consumer = baseline.consumerRecordsPerSecond();
        Report.Replay projections = replay.projections(events, consumer);
        Path savepoint = dataDir.resolve("bench-savepoint-" + run);
        Report.Replay state = replay.state(plan, savepoint, events, consumer);

        OptionalLong checkpoints = target.checkpointBytes();
        Report.Resources resources =
                new Report.Resources(
                        heapAfterSetup,
                        heapAfterBacklog,
                        heapAfterLatency,
                        footprint.heapAfterGc(),
                        footprint.peakHeap(),
                        footprint.maxHeap(),
                        checkpoints.isPresent() ? checkpoints.getAsLong() : null,
                        Footprint.bytes(savepoint));
        return new Report(
                new Report.Run(
                        target.embedded() ? "embedded" : target.bootstrapServers(),
                        plan.commands(),
                        distinct,
                        plan.accounts(),
                        plan.zipf(),
                        plan.mix().toString(),
                        plan.rejectionShare(),
                        plan.duplicateShare(),
                        target.partitions(),
                        plan.parallelism(),
                        plan.stateBackend(),
                        plan.checkpointInterval().toMillis(),
                        baseline.recordBytes(),
                        (System.nanoTime() - started) / 1e9),
                new Report.Throughput(
                        plan.commands(),
                        result.seconds(),
                        result.commandsPerSecond(),
                        result.commandsPerSecond() / baseline.copyRecordsPerSecond(),
                        result.sendSeconds(),
                        (double) result.rejected() / distinct,
                        readStoreRate),
                latency,
                new Report.Replays(events, state, projections),
                baseline,
                resources);
    }

    /** Opens and funds every account; not timed. */
    private void setup(Workload workload, BacklogPhase backlog, Target target, BenchClients clients)
            throws Exception {
        List<Workload.Command> setup = workload.setup();
        Iterator<Workload.Command> opening = setup.iterator();
        BacklogPhase.Result opened =
                backlog.run(
                        "setup: open and fund accounts",
                        opening::next,
                        workload.idPrefix("setup"),
                        setup.size(),
                        setup.size());
        if (opened.rejected() > 0) {
            throw new IllegalStateException(
                    opened.rejected() + " of the accounts could not be opened and funded");
        }
        settle(target, clients, "setup: read store");
    }

    /**
     * One paced phase per rate, each on a quiet stack; then, for an embedded ledger, one at half of
     * the peak for each further checkpoint interval, the ledger restarted with it.
     */
    private List<Report.Latency> latency(
            Workload workload, Target target, BenchClients clients, double throughput)
            throws Exception {
        LatencyPhase paced = new LatencyPhase(target, clients, progress);
        List<Report.Latency> latency = new ArrayList<>();
        for (int rate : rates(throughput)) {
            latency.add(paced(paced, workload, target, clients, rate, plan.checkpointInterval()));
        }
        if (!target.embedded() || plan.latencyIntervals().isEmpty()) {
            return latency;
        }
        int half = plan.rates().isEmpty() ? roughly(throughput / 2) : plan.rates().get(0);
        for (Duration interval : plan.latencyIntervals()) {
            progress.note(
                    "restarting the ledger with checkpoints every " + interval.toMillis() + " ms");
            target.restart(interval);
            latency.add(paced(paced, workload, target, clients, half, interval));
        }
        return latency;
    }

    private Report.Latency paced(
            LatencyPhase paced,
            Workload workload,
            Target target,
            BenchClients clients,
            int rate,
            Duration interval)
            throws Exception {
        String phase = "l" + (phases++);
        long seed = plan.seed() + 100 + phases;
        int count = (int) Math.max(1, rate * plan.latencyPhase().toMillis() / 1000);
        // Paused as in the backlog, whose throughput the rates are fractions of.
        target.pauseProjection(true);
        Report.Latency latency;
        try {
            latency =
                    paced.run(
                            workload.sequence(phase, seed),
                            workload.idPrefix(phase),
                            rate,
                            count,
                            workload.distinct(seed, count),
                            interval);
        } finally {
            target.pauseProjection(false);
        }
        settle(target, clients, "latency: read store");
        return latency;
    }

    /** Ctrl-C stops what the bench started, as it does for `ledger up`. */
    private synchronized void stopOnExit(Target target) {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException exiting) {
                return;
            }
            shutdownHook = null;
        }
        if (target != null) {
            shutdownHook =
                    new Thread(
                            () -> {
                                try {
                                    target.close();
                                } catch (Exception e) {
                                    System.err.println("ledger bench: stop: " + e.getMessage());
                                }
                            },
                            "bench-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** The given rates, or fractions of the backlog's throughput up to saturation. */
    private List<Integer> rates(double throughput) {
        if (!plan.rates().isEmpty()) {
            return plan.rates();
        }
        return BenchPlan.AUTO_RATES.stream().map(f -> roughly(f * throughput)).toList();
    }

    /** Two significant digits: 12,345 becomes 12,000. */
    static int roughly(double rate) {
        if (rate < 100) {
            return (int) Math.max(1, Math.round(rate));
        }
        double unit = Math.pow(10, Math.floor(Math.log10(rate)) - 1);
        return (int) (Math.round(rate / unit) * unit);
    }

    /** Waits for the read store to show the log, so that the next phase runs on a quiet stack. */
    private boolean settle(Target target, BenchClients clients, String label) throws Exception {
        if (!target.awaitProjection(clients, label, BacklogPhase.STALL, progress)) {
            return false;
        }
        progress.end("caught up");
        return true;
    }

    /** Library logs go to a file under the data directory, as `ledger up`'s do. */
    private static void logTo(String file) {
        if (file == null) {
            System.clearProperty("ledger.log.file");
        } else {
            System.setProperty("ledger.log.file", file);
        }
        ((LoggerContext) LogManager.getContext(false)).reconfigure();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
