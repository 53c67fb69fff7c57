package ledger.app.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ledger.app.embedded.EmbeddedLedger.Settings;
import ledger.job.Checkpoints;
import ledger.job.JobConfig;
import ledger.job.LedgerJob;
import ledger.job.rebuild.StateRebuild;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The ledger job on a Flink MiniCluster with its web UI, resuming from the newest checkpoint of the
 * previous run, or from state rebuilt from the log.
 */
final class EmbeddedJob implements AutoCloseable {

    private final JobClient job;
    private final JobConfig config;

    private EmbeddedJob(JobClient job, JobConfig config) {
        this.job = job;
        this.config = config;
    }

    static EmbeddedJob start(Settings settings, String bootstrapServers) throws Exception {
        JobConfig config = jobConfig(settings, bootstrapServers);
        LedgerJob.createTopics(config);
        String restoreFrom = restorePoint(settings, config);
        if (restoreFrom != null) {
            config = config.restoringFrom(restoreFrom);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(
                        flinkConfiguration(settings, config));
        return new EmbeddedJob(LedgerJob.start(env, config), config);
    }

    JobConfig config() {
        return config;
    }

    JobClient client() {
        return job;
    }

    String status() {
        try {
            return job.getJobStatus().get(2, TimeUnit.SECONDS).name();
        } catch (Exception e) {
            return JobStatus.FAILED.name();
        }
    }

    /** Cancels the job; its last checkpoint is retained for the next start. */
    @Override
    public void close() throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        job.getJobExecutionResult().handle((result, failure) -> null).get(30, TimeUnit.SECONDS);
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
            long now = System.currentTimeMillis();
            if (Files.exists(jobDir)) {
                Files.move(
                        jobDir, jobDir.resolveSibling(EmbeddedLedger.JOB_ID + "-replaced-" + now));
            }
            Path savepoint = settings.dataDir().resolve("flink").resolve("rebuilt-" + now);
            StateRebuild.run(config, savepoint.toUri().toString());
            return savepoint.toUri().toString();
        }
        return Checkpoints.latest(settings.jobCheckpoints())
                .map(p -> p.toUri().toString())
                .orElse(null);
    }

    private static Configuration flinkConfiguration(Settings settings, JobConfig config) {
        Configuration flink = config.flinkConfiguration();
        flink.setString("$internal.pipeline.job-id", EmbeddedLedger.JOB_ID);
        flink.setString("rest.bind-address", "127.0.0.1");
        flink.setString("rest.address", "127.0.0.1");
        flink.setString("rest.port", String.valueOf(settings.webUiPort()));
        flink.setString("taskmanager.numberOfTaskSlots", String.valueOf(settings.parallelism()));
        // RocksDB's block cache and memtables share the slots' managed memory. The MiniCluster's
        // default (128 MiB for all slots) leaves the index blocks no room once the memtables
        // fill: every lookup then re-read and decompressed an index block, and the job slowed
        // to a crawl after a few hundred thousand commands. Native memory, outside the heap.
        flink.setString("taskmanager.memory.managed.size", "512m");
        return flink;
    }
}
