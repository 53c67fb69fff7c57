package ledger.app.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import ledger.codec.Topics;
import org.apache.flink.core.execution.JobClient;

/**
 * The whole ledger in one process: a Kafka broker with the ledger's topics, the ledger job on a
 * Flink MiniCluster, PostgreSQL with the read store, the projector and the HTTP API, all kept under
 * one data directory. Started again, it resumes from the retained Kafka log, the newest checkpoint
 * and the projected offsets.
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
            int postgresPort,
            int httpPort,
            String jdbcUrl,
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

        public Settings withRebuildState() {
            return with(checkpointInterval, true);
        }

        public Settings withCheckpointInterval(Duration interval) {
            return with(interval, rebuildState);
        }

        private Settings with(Duration interval, boolean rebuild) {
            return new Settings(
                    dataDir,
                    kafkaPort,
                    controllerPort,
                    webUiPort,
                    postgresPort,
                    httpPort,
                    jdbcUrl,
                    parallelism,
                    partitions,
                    topicPrefix,
                    interval,
                    stateBackend,
                    dedupWindow,
                    rebuild);
        }
    }

    private final Deque<AutoCloseable> started;
    private final EmbeddedKafka kafka;
    private final EmbeddedJob job;
    private final ReadSide readSide;
    private final String jdbcUrl;

    private EmbeddedLedger(
            Deque<AutoCloseable> started,
            EmbeddedKafka kafka,
            EmbeddedJob job,
            ReadSide readSide,
            String jdbcUrl) {
        this.started = started;
        this.kafka = kafka;
        this.job = job;
        this.readSide = readSide;
        this.jdbcUrl = jdbcUrl;
    }

    public static EmbeddedLedger start(Settings settings) throws Exception {
        Path dataDir = requireWritable(settings.dataDir());
        Ports.requireFree(settings.webUiPort(), "the Flink web UI", "--web-ui-port");
        Ports.requireFree(settings.httpPort(), "the HTTP API", "--http-port");
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            EmbeddedKafka kafka =
                    push(
                            started,
                            EmbeddedKafka.start(
                                    dataDir, settings.kafkaPort(), settings.controllerPort()));
            EmbeddedJob job = push(started, EmbeddedJob.start(settings, kafka.bootstrapServers()));
            String jdbcUrl = settings.jdbcUrl();
            if (jdbcUrl == null) {
                jdbcUrl =
                        push(
                                        started,
                                        EmbeddedPostgresServer.start(
                                                dataDir.resolve("postgres"),
                                                settings.postgresPort()))
                                .jdbcUrl();
            }
            ReadSide readSide =
                    push(
                            started,
                            ReadSide.start(
                                    jdbcUrl,
                                    job.config().kafkaClientProperties(),
                                    job.config().topics(),
                                    "127.0.0.1",
                                    settings.httpPort(),
                                    job::status));
            return new EmbeddedLedger(started, kafka, job, readSide, jdbcUrl);
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Topics topics() {
        return job.config().topics();
    }

    public JobClient job() {
        return job.client();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public ReadSide readSide() {
        return readSide;
    }

    /** The HTTP API's base URL. */
    public String apiUrl() {
        return "http://127.0.0.1:" + readSide.port();
    }

    /** The checkpoint or savepoint this run started from, if any. */
    public Optional<String> resumedFrom() {
        return Optional.ofNullable(job.config().restoreFrom());
    }

    /** Stops everything in the reverse order of starting; the job's last checkpoint is kept. */
    @Override
    public void close() throws Exception {
        closeAll(started);
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> started, T component) {
        started.push(component);
        return component;
    }

    private static void closeAll(Deque<AutoCloseable> started) throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
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
