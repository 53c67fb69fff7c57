package ledger.app.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import ledger.app.UnreachableException;
import ledger.app.embedded.EmbeddedLedger;
import ledger.app.embedded.EmbeddedLedger.Settings;
import ledger.app.embedded.Ports;
import ledger.codec.Topics;
import ledger.job.JobConfig;
import ledger.read.store.LogPosition;
import ledger.read.store.ReadStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The ledger a bench measures: the whole stack started here on free ports under a data directory,
 * or a ledger already running at the given bootstrap servers (whose job, checkpoints and read store
 * the bench then cannot see).
 */
final class Target implements AutoCloseable {

    private EmbeddedLedger ledger;
    private Settings settings;
    private final Properties kafka;
    private final Topics topics;
    private final int partitions;
    private final short replication;
    private final String jdbcUrl;

    private Target(
            EmbeddedLedger ledger,
            Settings settings,
            Properties kafka,
            Topics topics,
            int partitions,
            short replication,
            String jdbcUrl) {
        this.ledger = ledger;
        this.settings = settings;
        this.kafka = kafka;
        this.topics = topics;
        this.partitions = partitions;
        this.replication = replication;
        this.jdbcUrl = jdbcUrl;
    }

    /** Starts Kafka, the job, PostgreSQL, the projector and the API, as `ledger up` does. */
    static Target embedded(BenchPlan plan, Path dataDir) throws Exception {
        Settings settings =
                new Settings(
                        dataDir,
                        Ports.free(),
                        Ports.free(),
                        Ports.free(),
                        Ports.free(),
                        Ports.free(),
                        null,
                        plan.parallelism(),
                        plan.partitions(),
                        plan.topicPrefix(),
                        plan.checkpointInterval(),
                        plan.stateBackend(),
                        Duration.ofDays(7),
                        false);
        EmbeddedLedger ledger = EmbeddedLedger.start(settings);
        Properties kafka = new Properties();
        kafka.setProperty("bootstrap.servers", ledger.bootstrapServers());
        return new Target(
                ledger,
                settings,
                kafka,
                ledger.topics(),
                plan.partitions(),
                (short) 1,
                ledger.jdbcUrl());
    }

    /** A ledger running elsewhere; its topics must exist. */
    static Target external(BenchPlan plan) throws Exception {
        Properties kafka = new Properties();
        kafka.putAll(plan.kafkaProperties());
        kafka.setProperty("bootstrap.servers", plan.bootstrapServers());
        Topics topics = new Topics(plan.topicPrefix());
        TopicDescription commands;
        try (Admin admin = Admin.create(kafka)) {
            commands =
                    admin.describeTopics(List.of(topics.commands(), topics.events()))
                            .allTopicNames()
                            .get(15, TimeUnit.SECONDS)
                            .get(topics.commands());
        } catch (TimeoutException e) {
            throw new UnreachableException("cannot reach Kafka at " + plan.bootstrapServers());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new UnreachableException(
                        "the ledger's topics do not exist at "
                                + plan.bootstrapServers()
                                + " (has the ledger been started?)");
            }
            throw new UnreachableException(
                    "cannot reach Kafka at "
                            + plan.bootstrapServers()
                            + ": "
                            + e.getCause().getMessage());
        }
        return new Target(
                null,
                null,
                kafka,
                topics,
                commands.partitions().size(),
                (short) commands.partitions().get(0).replicas().size(),
                plan.jdbcUrl());
    }

    boolean embedded() {
        return ledger != null;
    }

    String bootstrapServers() {
        return kafka.getProperty("bootstrap.servers");
    }

    Properties kafka() {
        Properties copy = new Properties();
        copy.putAll(kafka);
        return copy;
    }

    Topics topics() {
        return topics;
    }

    int partitions() {
        return partitions;
    }

    short replication() {
        return replication;
    }

    /** The read store's PostgreSQL, if the bench knows it. */
    Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    /** The job's configuration, for rebuilding its state from the log. */
    JobConfig jobConfig(BenchPlan plan) {
        Map<String, String> options = new HashMap<>();
        options.put(JobConfig.BOOTSTRAP_SERVERS, bootstrapServers());
        options.put(JobConfig.TOPIC_PREFIX, topics.prefix());
        options.put(JobConfig.STATE_BACKEND, plan.stateBackend());
        options.put(JobConfig.PARALLELISM, String.valueOf(plan.parallelism()));
        return JobConfig.of(options, plan.kafkaProperties());
    }

    /**
     * Waits until the live projector has put the whole log, as it is now, into the read store;
     * false at once for a ledger elsewhere, whose projector the bench cannot see.
     */
    boolean awaitProjection(BenchClients clients, String label, Duration stall, Progress progress)
            throws Exception {
        if (ledger == null) {
            return false;
        }
        ReadStore store = ledger.readSide().store();
        Map<TopicPartition, Long> end;
        try (KafkaConsumer<byte[], byte[]> consumer = clients.readCommitted(null)) {
            List<TopicPartition> all =
                    Stream.of(topics.events(), topics.outcomes())
                            .flatMap(t -> BenchClients.partitions(consumer, t).stream())
                            .toList();
            end = consumer.endOffsets(all);
        }
        long total = behind(end, store.offsets());
        progress.begin(label, total);
        long left = total;
        long since = System.nanoTime();
        while (left > 0) {
            Thread.sleep(100);
            long now = behind(end, store.offsets());
            if (now < left) {
                left = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > stall.toNanos()) {
                throw new IllegalStateException(
                        "the read store stopped catching up with the log, "
                                + left
                                + " records behind");
            }
            progress.update(total - left);
        }
        return true;
    }

    /**
     * Stops the embedded ledger and starts it again with another checkpoint interval; the job
     * resumes from its latest checkpoint, the read side from its stored offsets.
     */
    void restart(Duration checkpointInterval) throws Exception {
        ledger.close();
        settings = settings.withCheckpointInterval(checkpointInterval);
        ledger = EmbeddedLedger.start(settings);
    }

    /** Pauses or resumes the live projector, if the bench runs it. */
    void pauseProjection(boolean paused) {
        if (ledger != null) {
            ledger.readSide().projector().pause(paused);
        }
    }

    /** Bytes in the job's checkpoint directory, if the bench runs the job. */
    OptionalLong checkpointBytes() throws Exception {
        return ledger == null
                ? OptionalLong.empty()
                : OptionalLong.of(Footprint.bytes(settings.jobCheckpoints()));
    }

    /** Stops what {@link #embedded} started. */
    @Override
    public void close() throws Exception {
        if (ledger != null) {
            ledger.close();
        }
    }

    private static long behind(Map<TopicPartition, Long> end, Map<LogPosition, Long> stored) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            long at =
                    stored.getOrDefault(
                            new LogPosition(e.getKey().topic(), e.getKey().partition()), 0L);
            behind += Math.max(0, e.getValue() - at);
        }
        return behind;
    }
}
