package ledger.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import ledger.codec.Topics;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;

/**
 * Everything the job needs to run, parsed once from program arguments ({@code --name value}).
 * Defaults sit beside the option names; {@link #USAGE} lists them.
 */
public record JobConfig(
        String bootstrapServers,
        Topics topics,
        int partitions,
        short replicationFactor,
        String groupId,
        String transactionalIdPrefix,
        Duration checkpointInterval,
        String checkpointDir,
        String savepointDir,
        String stateBackend,
        Duration dedupWindow,
        int parallelism,
        String restoreFrom,
        Map<String, String> kafkaProperties) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap-servers";
    public static final String TOPIC_PREFIX = "topic-prefix";
    public static final String PARTITIONS = "partitions";
    public static final String REPLICATION_FACTOR = "replication-factor";
    public static final String GROUP_ID = "group-id";
    public static final String TRANSACTIONAL_ID_PREFIX = "transactional-id-prefix";
    public static final String CHECKPOINT_INTERVAL = "checkpoint-interval";
    public static final String CHECKPOINT_DIR = "checkpoint-dir";
    public static final String SAVEPOINT_DIR = "savepoint-dir";
    public static final String STATE_BACKEND = "state-backend";
    public static final String DEDUP_WINDOW = "dedup-window";
    public static final String PARALLELISM = "parallelism";
    public static final String RESTORE_FROM = "restore-from";
    public static final String KAFKA_PROPERTY = "kafka-property";

    /** Fixed so that state rebuilt from the log lands in the key groups the job expects. */
    public static final int MAX_PARALLELISM = 128;

    public static final String USAGE =
            String.join(
                    "\n",
                    "Usage: ledger-job [--option value]...",
                    "  --bootstrap-servers        Kafka bootstrap servers (localhost:9092)",
                    "  --topic-prefix             prefix of all topic names (ledger.)",
                    "  --partitions               partitions of created topics (4)",
                    "  --replication-factor       replication factor of created topics (1)",
                    "  --group-id                 consumer group of the commands source (ledger-job)",
                    "  --transactional-id-prefix  prefix of the sink's transactional ids (ledger-job)",
                    "  --checkpoint-interval      checkpoint interval (1s)",
                    "  --checkpoint-dir           checkpoint directory URI (file:///tmp/ledger-checkpoints)",
                    "  --savepoint-dir            default savepoint directory URI (none)",
                    "  --state-backend            rocksdb or hashmap (rocksdb)",
                    "  --dedup-window             how long command ids are remembered (7d)",
                    "  --parallelism              job parallelism (the cluster's default)",
                    "  --restore-from             checkpoint or savepoint to start from (none)",
                    "  --kafka-property key=value extra Kafka client property, repeatable");

    private static final Map<String, String> DEFAULTS =
            Map.ofEntries(
                    Map.entry(BOOTSTRAP_SERVERS, "localhost:9092"),
                    Map.entry(TOPIC_PREFIX, Topics.DEFAULT_PREFIX),
                    Map.entry(PARTITIONS, "4"),
                    Map.entry(REPLICATION_FACTOR, "1"),
                    Map.entry(GROUP_ID, "ledger-job"),
                    Map.entry(TRANSACTIONAL_ID_PREFIX, "ledger-job"),
                    Map.entry(CHECKPOINT_INTERVAL, "1s"),
                    Map.entry(CHECKPOINT_DIR, "file:///tmp/ledger-checkpoints"),
                    Map.entry(SAVEPOINT_DIR, ""),
                    Map.entry(STATE_BACKEND, "rocksdb"),
                    Map.entry(DEDUP_WINDOW, "7d"),
                    Map.entry(PARALLELISM, "0"),
                    Map.entry(RESTORE_FROM, ""));

    /** Parses program arguments; an {@link IllegalArgumentException} says what is wrong. */
    public static JobConfig parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            if (!option.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got: " + option);
            }
            String name = option.substring(2);
            String value = args[i + 1];
            if (name.equals(KAFKA_PROPERTY)) {
                int eq = value.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException(
                            "--kafka-property takes key=value: " + value);
                }
                kafka.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                options.put(name, value);
            }
        }
        return of(options, kafka);
    }

    /** A configuration from option values by name; options not given take their defaults. */
    public static JobConfig of(Map<String, String> options, Map<String, String> kafka) {
        for (String name : options.keySet()) {
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
        all.putAll(options);
        String restoreFrom = all.get(RESTORE_FROM);
        String savepointDir = all.get(SAVEPOINT_DIR);
        return new JobConfig(
                all.get(BOOTSTRAP_SERVERS),
                new Topics(all.get(TOPIC_PREFIX)),
                number(all, PARTITIONS, 1),
                (short) number(all, REPLICATION_FACTOR, 1),
                all.get(GROUP_ID),
                all.get(TRANSACTIONAL_ID_PREFIX),
                duration(all, CHECKPOINT_INTERVAL),
                all.get(CHECKPOINT_DIR),
                savepointDir.isEmpty() ? null : savepointDir,
                backend(all.get(STATE_BACKEND)),
                duration(all, DEDUP_WINDOW),
                number(all, PARALLELISM, 0),
                restoreFrom.isEmpty() ? null : restoreFrom,
                Map.copyOf(kafka));
    }

    public static JobConfig defaults() {
        return of(Map.of(), Map.of());
    }

    /** This configuration, starting from the given checkpoint or savepoint. */
    public JobConfig restoringFrom(String path) {
        return new JobConfig(
                bootstrapServers,
                topics,
                partitions,
                replicationFactor,
                groupId,
                transactionalIdPrefix,
                checkpointInterval,
                checkpointDir,
                savepointDir,
                stateBackend,
                dedupWindow,
                parallelism,
                path,
                kafkaProperties);
    }

    /** Kafka client properties: the bootstrap servers plus any extra ones (SASL, TLS, ...). */
    public Properties kafkaClientProperties() {
        Properties properties = new Properties();
        properties.putAll(kafkaProperties);
        properties.setProperty("bootstrap.servers", bootstrapServers);
        return properties;
    }

    /**
     * The Flink configuration of the job: checkpoints always on and exactly-once, retained on
     * cancellation, a restart strategy, and no silent fallback to Kryo.
     */
    public Configuration flinkConfiguration() {
        Configuration flink = new Configuration();
        flink.setString("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        flink.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        flink.setString("execution.checkpointing.dir", checkpointDir);
        flink.setString(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        flink.setString("execution.checkpointing.num-retained", "3");
        flink.setString("execution.checkpointing.incremental", "true");
        if (savepointDir != null) {
            // Where a stop-with-savepoint or a savepoint trigger without a target writes.
            flink.setString("execution.checkpointing.savepoint-dir", savepointDir);
        }
        flink.setString("state.backend.type", stateBackend);
        // Nearly every dedup lookup is for a command id never seen: a bloom filter answers those
        // without reading a block. Partitioned index and filter blocks load only the part a
        // lookup needs, so a tight block cache does not mean reading whole index blocks again.
        flink.setString("state.backend.rocksdb.use-bloom-filter", "true");
        flink.setString("state.backend.rocksdb.memory.partitioned-index-filters", "true");
        flink.setString("restart-strategy.type", "exponential-delay");
        flink.setString("restart-strategy.exponential-delay.initial-backoff", "1 s");
        flink.setString("restart-strategy.exponential-delay.max-backoff", "30 s");
        // Flink's default of an hour would keep a job that failed a few times (a broker or a
        // TaskManager lost) at the maximum backoff for the rest of the hour.
        flink.setString("restart-strategy.exponential-delay.reset-backoff-threshold", "2 min");
        flink.setString("pipeline.generic-types", "false");
        // Records are immutable and never held after they are emitted: chained operators may
        // pass them on without Flink copying each one.
        flink.setString("pipeline.object-reuse", "true");
        flink.setString("pipeline.max-parallelism", String.valueOf(MAX_PARALLELISM));
        if (parallelism > 0) {
            flink.setString("parallelism.default", String.valueOf(parallelism));
        }
        if (restoreFrom != null) {
            flink.setString("execution.state-recovery.path", restoreFrom);
        }
        return flink;
    }

    private static int number(Map<String, String> options, String name, int least) {
        String value = options.get(name);
        try {
            int number = Integer.parseInt(value);
            if (number < least) {
                throw new IllegalArgumentException("--" + name + " must be at least " + least);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not " + value);
        }
    }

    private static Duration duration(Map<String, String> options, String name) {
        try {
            return TimeUtils.parseDuration(options.get(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--"
                            + name
                            + " takes a duration such as 500ms, 1s or 7d, not "
                            + options.get(name));
        }
    }

    private static String backend(String value) {
        if (!value.equals("rocksdb") && !value.equals("hashmap")) {
            throw new IllegalArgumentException(
                    "--state-backend is rocksdb or hashmap, not " + value);
        }
        return value;
    }
}
