package ledger.app.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import ledger.codec.Topics;
import ledger.job.Checkpoints;
import ledger.job.JobConfig;
import ledger.job.LedgerJob;
import ledger.job.rebuild.StateRebuild;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole ledger in one process: a Kafka broker, the ledger's topics, and the ledger job on a
 * Flink MiniCluster with its web UI, all kept under one data directory. Started again, it resumes
 * from the retained Kafka log and the newest checkpoint.
 */
public final class EmbeddedLedger implements AutoCloseable {

    /** Fixed, so that every start finds the previous run's checkpoints in the same place. */
    public static final String JOB_ID = "1ed9e400000000000000000000000001";

    /** How to run: where the data lives, which ports, and the job's knobs. */
    public record Settings(
            Path dataDir,
            int kafkaPort,
            int controllerPort,
            int webUiPort,
            int parallelism,
            int partitions,
            String topicPrefix,
            Duration checkpointInterval,
            String stateBackend,
            Duration dedupWindow,
            boolean rebuildState) {

        public Path checkpointDir() {
            return dataDir.resolve("flink").resolve("checkpoints");
        }

        public Path jobCheckpoints() {
            return checkpointDir().resolve(JOB_ID);
        }
    }

    private final EmbeddedKafka kafka;
    private final JobClient job;
    private final JobConfig config;
    private final String resumedFrom;

    private EmbeddedLedger(
            EmbeddedKafka kafka, JobClient job, JobConfig config, String resumedFrom) {
        this.kafka = kafka;
        this.job = job;
        this.config = config;
        this.resumedFrom = resumedFrom;
    }

    public static EmbeddedLedger start(Settings settings) throws Exception {
        Path dataDir = requireWritable(settings.dataDir());
        Ports.requireFree(settings.webUiPort(), "the Flink web UI", "--web-ui-port");
        EmbeddedKafka kafka =
                EmbeddedKafka.start(dataDir, settings.kafkaPort(), settings.controllerPort());
        try {
            JobConfig config = jobConfig(settings, kafka.bootstrapServers());
            LedgerJob.createTopics(config);
            String restoreFrom = restorePoint(settings, config);
            if (restoreFrom != null) {
                config = config.restoringFrom(restoreFrom);
            }
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(
                            flinkConfiguration(settings, config));
            JobClient job = LedgerJob.start(env, config);
            return new EmbeddedLedger(kafka, job, config, restoreFrom);
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Topics topics() {
        return config.topics();
    }

    public JobClient job() {
        return job;
    }

    /** The checkpoint or savepoint this run started from, if any. */
    public Optional<String> resumedFrom() {
        return Optional.ofNullable(resumedFrom);
    }

    /** Cancels the job (its last checkpoint is retained) and stops the broker. */
    @Override
    public void close() throws Exception {
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
            job.getJobExecutionResult().handle((result, failure) -> null).get(30, TimeUnit.SECONDS);
        } finally {
            kafka.close();
        }
    }

    private static JobConfig jobConfig(Settings settings, String bootstrapServers) {
        return JobConfig.of(
                Map.of(
                        JobConfig.BOOTSTRAP_SERVERS, bootstrapServers,
                        JobConfig.TOPIC_PREFIX, settings.topicPrefix(),
                        JobConfig.PARTITIONS, String.valueOf(settings.partitions()),
                        JobConfig.CHECKPOINT_DIR, settings.checkpointDir().toUri().toString(),
                        JobConfig.CHECKPOINT_INTERVAL,
                                settings.checkpointInterval().toMillis() + "ms",
                        JobConfig.STATE_BACKEND, settings.stateBackend(),
                        JobConfig.DEDUP_WINDOW, settings.dedupWindow().toMillis() + "ms",
                        JobConfig.PARALLELISM, String.valueOf(settings.parallelism())),
                Map.of());
    }

    /**
     * The newest checkpoint, or with {@code rebuildState} a savepoint rebuilt from the event log;
     * the old checkpoints are then moved aside, not deleted.
     */
    private static String restorePoint(Settings settings, JobConfig config) throws Exception {
        if (settings.rebuildState()) {
            Path jobDir = settings.jobCheckpoints();
            if (Files.exists(jobDir)) {
                Files.move(
                        jobDir,
                        jobDir.resolveSibling(JOB_ID + "-replaced-" + System.currentTimeMillis()));
            }
            Path savepoint =
                    settings.dataDir()
                            .resolve("flink")
                            .resolve("rebuilt-" + System.currentTimeMillis());
            StateRebuild.run(config, savepoint.toUri().toString());
            return savepoint.toUri().toString();
        }
        return Checkpoints.latest(settings.jobCheckpoints())
                .map(p -> p.toUri().toString())
                .orElse(null);
    }

    private static Configuration flinkConfiguration(Settings settings, JobConfig config) {
        Configuration flink = config.flinkConfiguration();
        flink.setString("$internal.pipeline.job-id", JOB_ID);
        flink.setString("rest.bind-address", "127.0.0.1");
        flink.setString("rest.address", "127.0.0.1");
        flink.setString("rest.port", String.valueOf(settings.webUiPort()));
        flink.setString("taskmanager.numberOfTaskSlots", String.valueOf(settings.parallelism()));
        return flink;
    }

    private static Path requireWritable(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot create data directory " + dataDir + ": " + e.getMessage());
        }
        if (!Files.isWritable(dataDir)) {
            throw new IllegalStateException("data directory " + dataDir + " is not writable");
        }
        return dataDir.toAbsolutePath();
    }
}
