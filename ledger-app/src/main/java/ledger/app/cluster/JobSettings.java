package ledger.app.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ledger.job.JobConfig;

/**
 * How `ledger cluster` runs the job: its jar, parallelism and checkpoint interval; everything else
 * follows from the cluster's layout. Extra Kafka client properties go to the job as they would on
 * any cluster.
 */
public record JobSettings(
        Path jobJar,
        int parallelism,
        Duration checkpointInterval,
        String stateBackend,
        Map<String, String> kafkaProperties) {

    /** A stable prefix: the sink's transactions of one job must keep their ids across restarts. */
    static final String TRANSACTIONAL_ID_PREFIX = "ledger-cluster";

    public JobSettings withParallelism(int newParallelism) {
        return new JobSettings(
                jobJar, newParallelism, checkpointInterval, stateBackend, kafkaProperties);
    }

    /** The program arguments of {@code ledger.job.LedgerJob}, as `flink run` would pass them. */
    List<String> programArgs(ClusterLayout layout) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--" + JobConfig.BOOTSTRAP_SERVERS,
                                layout.bootstrapServers(),
                                "--" + JobConfig.REPLICATION_FACTOR,
                                String.valueOf(ClusterLayout.NODES),
                                "--" + JobConfig.PARTITIONS,
                                "4",
                                "--" + JobConfig.PARALLELISM,
                                String.valueOf(parallelism),
                                "--" + JobConfig.CHECKPOINT_INTERVAL,
                                checkpointInterval.toMillis() + "ms",
                                "--" + JobConfig.CHECKPOINT_DIR,
                                layout.checkpoints().toUri().toString(),
                                "--" + JobConfig.SAVEPOINT_DIR,
                                layout.savepoints().toUri().toString(),
                                "--" + JobConfig.STATE_BACKEND,
                                stateBackend,
                                "--" + JobConfig.TRANSACTIONAL_ID_PREFIX,
                                TRANSACTIONAL_ID_PREFIX));
        kafkaProperties.forEach(
                (key, value) ->
                        args.addAll(List.of("--" + JobConfig.KAFKA_PROPERTY, key + "=" + value)));
        return args;
    }
}
