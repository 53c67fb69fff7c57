package ledger.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import ledger.app.bench.Bench;
import ledger.app.bench.BenchPlan;
import ledger.app.bench.Mix;
import ledger.app.bench.Report;
import ledger.codec.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ledger bench}: throughput, latency and replay rates of the ledger on this machine, each
 * beside the same broker's physical limits.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the ledger in one run: the throughput of a backlog, the latency at paced",
            "rates, the replays of state and projections, each against the log's own limits on",
            "the same broker (plain producer, read_committed consumer, transactional copy loop).",
            "Starts the whole ledger in a temporary directory unless --bootstrap-servers is given."
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--commands",
            defaultValue = "500000",
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
            description = {
                "commands/s of the latency phases, e.g. 2000,5000,10000; auto: 25, 50, 75 and",
                "100% of the backlog's throughput (default: ${DEFAULT-VALUE})"
            })
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
            description = {
                "checkpoint interval of the embedded job, or the one the ledger at",
                "--bootstrap-servers runs with (default: ${DEFAULT-VALUE})"
            })
    Duration checkpointInterval;

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

    @Option(
            names = "--bootstrap-servers",
            description = "measure the ledger running at these Kafka servers instead")
    String bootstrapServers;

    @Option(
            names = "--topic-prefix",
            defaultValue = Topics.DEFAULT_PREFIX,
            description = "prefix of the ledger's topic names (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(
            names = "--kafka-property",
            description = "extra Kafka client property key=value (SASL, TLS, ...), repeatable")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

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
                            partitions,
                            parallelism,
                            stateBackend,
                            bootstrapServers,
                            topicPrefix,
                            kafkaProperties,
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
