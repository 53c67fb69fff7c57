package ledger.read.projection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import ledger.codec.EventCodec;
import ledger.codec.OutcomeCodec;
import ledger.codec.Topics;
import ledger.domain.Outcome;
import ledger.read.store.LogPosition;
import ledger.read.store.ProjectedEvent;
import ledger.read.store.ProjectedOutcome;
import ledger.read.store.ReadStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects the events and outcomes topics into a {@link ReadStore}: reads committed records, writes
 * each batch and the offsets after it in one database transaction, and on start (or when a rebuild
 * swapped the store) resumes from the offsets the store holds. Exactly once, without consumer
 * groups.
 */
public final class Projector implements Runnable, AutoCloseable, ProjectionMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    private final ReadStore store;
    private final Topics topics;
    private final Properties kafka;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicLong projected = new AtomicLong();
    private volatile Map<TopicPartition, Long> endOffsets = Map.of();
    private volatile boolean paused;

    public Projector(ReadStore store, Topics topics, Properties kafka) {
        this.store = store;
        this.topics = topics;
        this.kafka = kafka;
    }

    /** Events in the log that the store does not show yet; -1 before the first poll. */
    public long lag() {
        return lag.get();
    }

    /** Events projected since this projector started. */
    public long projected() {
        return projected.get();
    }

    @Override
    public long getLag() {
        return lag();
    }

    @Override
    public long getProjected() {
        return projected();
    }

    /** Publishes the lag and count as the MBean {@code ledger:type=Projection}. */
    public void registerMBean() throws javax.management.JMException {
        javax.management.MBeanServer server =
                java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name =
                new javax.management.ObjectName("ledger:type=Projection");
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(
                new javax.management.StandardMBean(this, ProjectionMetrics.class), name);
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = assignAll(consumer);
            Map<LogPosition, Long> committed = seekToStored(consumer, partitions);
            while (running.get()) {
                if (paused) {
                    Thread.sleep(50);
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                committed = project(consumer, partitions, records, committed);
                updateLag(consumer, partitions);
            }
        } catch (Exception e) {
            if (running.get()) {
                LOG.error("projection stopped", e);
            }
        }
    }

    /**
     * Catches up with the log as it is now, then returns: for a rebuild. Calls {@code progress}
     * with the events projected so far after each batch.
     */
    public void catchUp(java.util.function.LongConsumer progress) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = assignAll(consumer);
            Map<LogPosition, Long> committed = seekToStored(consumer, partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                committed =
                        project(
                                consumer,
                                partitions,
                                consumer.poll(Duration.ofMillis(200)),
                                committed);
                progress.accept(projected.get());
            }
        }
    }

    /**
     * Stops or resumes reading the log, keeping the position: a benchmark measures the job alone
     * this way, on a machine where the projection would compete with it for the same cores.
     */
    public void pause(boolean paused) {
        this.paused = paused;
    }

    @Override
    public void close() {
        running.set(false);
    }

    private Map<LogPosition, Long> project(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            ConsumerRecords<byte[], byte[]> records,
            Map<LogPosition, Long> committed)
            throws Exception {
        Map<LogPosition, Long> next = new HashMap<>();
        for (TopicPartition tp : partitions) {
            next.put(new LogPosition(tp.topic(), tp.partition()), consumer.position(tp));
        }
        if (next.equals(committed)) {
            return committed;
        }
        List<ProjectedEvent> events = new ArrayList<>();
        List<ProjectedOutcome> outcomes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String json = new String(record.value(), StandardCharsets.UTF_8);
            if (record.topic().equals(topics.events())) {
                events.add(new ProjectedEvent(EventCodec.decode(record.value()), json));
            } else {
                Outcome outcome = OutcomeCodec.decode(record.value());
                outcomes.add(new ProjectedOutcome(outcome.commandId(), outcome.accountId(), json));
            }
        }
        if (store.apply(committed, events, outcomes, next)) {
            projected.addAndGet(events.size());
            return next;
        }
        // The store moved under us (a rebuild was swapped in): follow its offsets.
        LOG.info("read store offsets changed; resuming from them");
        return seekToStored(consumer, partitions);
    }

    /** Every partition of the events and outcomes topics: no consumer group, no rebalances. */
    private List<TopicPartition> assignAll(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.events(), topics.outcomes())) {
            consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        return partitions;
    }

    private Map<LogPosition, Long> seekToStored(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions)
            throws Exception {
        Map<LogPosition, Long> stored = store.offsets();
        for (TopicPartition tp : partitions) {
            Long offset = stored.get(new LogPosition(tp.topic(), tp.partition()));
            if (offset == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, offset);
            }
        }
        return stored;
    }

    private void updateLag(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        List<TopicPartition> events =
                partitions.stream().filter(tp -> tp.topic().equals(topics.events())).toList();
        endOffsets = consumer.endOffsets(events);
        long behind = 0;
        for (TopicPartition tp : events) {
            behind += Math.max(0, endOffsets.get(tp) - consumer.position(tp));
        }
        lag.set(behind);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.putAll(kafka);
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("enable.auto.commit", "false");
        // Larger batches mean fewer store transactions per event.
        props.setProperty("max.poll.records", "5000");
        props.setProperty("allow.auto.create.topics", "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
