package ledger.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import ledger.app.bench.Bench;
import ledger.app.bench.BenchPlan;
import ledger.app.bench.Mix;
import ledger.app.bench.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ledger bench}: throughput, latency and replay rates of the ledger on this machine, each
 * beside the same broker's physical limits.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the ledger's throughput, latency and replay speed against raw Kafka.",
            "In one run: the throughput of a backlog, the latency at paced rates, the replays of"
                    + " state and projections, each against the log's own limits on the same"
                    + " broker (plain producer, read_committed consumer, transactional copy loop)."
                    + " Starts the whole ledger in a temporary directory unless"
                    + " --bootstrap-servers is given."
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--commands",
            defaultValue = "1000000",
            description = "commands in the pre-loaded backlog (default: ${DEFAULT-VALUE})")
    int commands;

    @Option(
            names = "--accounts",
            defaultValue = "10000",
            description = "accounts, opened and funded first (default: ${DEFAULT-VALUE})")
    int accounts;

    @Option(
            names = "--zipf",
            defaultValue = "1.0",
            description =
                    "exponent of account popularity, 0 for uniform (default: ${DEFAULT-VALUE})")
    double zipf;

    @Option(
            names = "--mix",
            defaultValue = "deposit=40,withdraw=20,transfer=40",
            description = "weights of the regular commands (default: ${DEFAULT-VALUE})")
    String mix;

    @Option(
            names = "--rejection-share",
            defaultValue = "0.05",
            description = "share of commands made to be rejected (default: ${DEFAULT-VALUE})")
    double rejectionShare;

    @Option(
            names = "--duplicate-share",
            defaultValue = "0.02",
            description = "share of retries of a recent command id (default: ${DEFAULT-VALUE})")
    double duplicateShare;

    @Option(
            names = "--rates",
            defaultValue = "auto",
            description =
                    "commands/s of the latency phases, e.g. 2000,5000,10000; auto: 25, 50, 75"
                            + " and 100%% of the backlog's throughput (default: ${DEFAULT-VALUE})")
    String rates;

    @Option(
            names = "--latency-seconds",
            defaultValue = "10",
            description = "length of each latency phase (default: ${DEFAULT-VALUE})")
    int latencySeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
    Path json;

    @Option(
            names = "--data-dir",
            description = "data of the embedded ledger (default: a temporary directory, deleted)")
    Path dataDir;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description =
                    "checkpoint interval of the embedded job, or the one the ledger at "
                            + "--bootstrap-servers runs with (default: ${DEFAULT-VALUE})")
    Duration checkpointInterval;

    @Option(
            names = "--latency-intervals",
            defaultValue = "250ms,5s",
            description =
                    "further checkpoint intervals: the embedded ledger restarts with each and"
                            + " the latency at half of the peak is measured again; none to skip "
                            + "(default: ${DEFAULT-VALUE})")
    String latencyIntervals;

    @Option(
            names = "--partitions",
            defaultValue = "4",
            description = "partitions of the embedded ledger's topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "job parallelism (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            description = "rocksdb or hashmap (default: ${DEFAULT-VALUE})")
    String stateBackend;

    /** Embedded unless --bootstrap-servers is given: its default is not a ledger to measure. */
    @Mixin KafkaOptions kafka;

    @Option(
            names = "--jdbc-url",
            description = "the read store of the ledger at --bootstrap-servers, for the replay")
    String jdbcUrl;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "seed of the workload (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        boolean external =
                spec.commandLine().getParseResult().hasMatchedOption("--bootstrap-servers");
        BenchPlan plan;
        try {
            plan =
                    new BenchPlan(
                            commands,
                            accounts,
                            zipf,
                            Mix.parse(mix),
                            rejectionShare,
                            duplicateShare,
                            rates(),
                            Duration.ofSeconds(latencySeconds),
                            checkpointInterval,
                            intervals(),
                            partitions,
                            parallelism,
                            stateBackend,
                            external ? kafka.bootstrapServers() : null,
                            kafka.topics().prefix(),
                            kafka.extraProperties(),
                            jdbcUrl,
                            dataDir,
                            seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!stateBackend.equals("rocksdb") && !stateBackend.equals("hashmap")) {
            throw new ParameterException(
                    spec.commandLine(), "--state-backend is rocksdb or hashmap");
        }
        Report report = new Bench(plan, spec.commandLine().getErr()).run();
        report.print(spec.commandLine().getOut());
        if (json != null) {
            report.writeJson(json);
        }
        return 0;
    }

    private List<Duration> intervals() {
        List<Duration> list = new ArrayList<>();
        if (latencyIntervals.equals("none")) {
            return list;
        }
        for (String interval : latencyIntervals.split(",")) {
            try {
                list.add(new DurationConverter().convert(interval));
            } catch (TypeConversionException e) {
                throw new IllegalArgumentException("--latency-intervals: " + e.getMessage());
            }
        }
        return list;
    }

    private List<Integer> rates() {
        List<Integer> list = new ArrayList<>();
        if (rates.equals("auto")) {
            return list;
        }
        for (String rate : rates.split(",")) {
            try {
                list.add(Integer.parseInt(rate.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--rates takes commands/s such as 2000,5000,10000, or auto; not " + rates);
            }
        }
        return list;
    }
}
