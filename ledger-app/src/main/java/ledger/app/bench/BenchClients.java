package ledger.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients of the bench. The ledger's commands and the baseline's records go through
 * producers configured alike, so that their rates compare.
 */
final class BenchClients {

    private final Properties base;

    BenchClients(Properties base) {
        this.base = base;
    }

    Properties base() {
        Properties copy = new Properties();
        copy.putAll(base);
        return copy;
    }

    /** An idempotent producer that batches: for sending a backlog as fast as the broker takes. */
    KafkaProducer<byte[], byte[]> batching() {
        Properties props = producerProperties();
        props.setProperty("linger.ms", "10");
        props.setProperty("batch.size", String.valueOf(256 * 1024));
        props.setProperty("buffer.memory", String.valueOf(64 * 1024 * 1024));
        props.setProperty("compression.type", "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** An idempotent producer that sends almost at once: for commands at a paced rate. */
    KafkaProducer<byte[], byte[]> prompt() {
        Properties props = producerProperties();
        props.setProperty("linger.ms", "1");
        props.setProperty("compression.type", "lz4");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A transactional producer batching like {@link #batching()}. */
    KafkaProducer<byte[], byte[]> transactional(String transactionalId) {
        Properties props = producerProperties();
        props.setProperty("linger.ms", "10");
        props.setProperty("batch.size", String.valueOf(256 * 1024));
        props.setProperty("compression.type", "lz4");
        props.setProperty("transactional.id", transactionalId);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A read_committed consumer with no group, or with one only to commit offsets with. */
    KafkaConsumer<byte[], byte[]> readCommitted(String groupId) {
        Properties props = base();
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("enable.auto.commit", "false");
        props.setProperty("allow.auto.create.topics", "false");
        if (groupId != null) {
            props.setProperty("group.id", groupId);
        }
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** How many records a read of a whole topic saw, and how long it took from its first poll. */
    record Scan(long records, double seconds) {}

    /**
     * Reads a topic from its beginning to its end as it is when the read starts, read_committed,
     * telling {@code progress} the records read so far.
     */
    Scan readToEnd(String topic, LongConsumer progress) {
        try (KafkaConsumer<byte[], byte[]> consumer = readCommitted(null)) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long start = System.nanoTime();
            long read = 0;
            while (!reached(consumer, end)) {
                read += consumer.poll(Duration.ofMillis(100)).count();
                progress.accept(read);
            }
            return new Scan(read, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Whether the consumer's position has reached {@code end} on every partition. */
    static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Assigns every partition of the topic. */
    static List<TopicPartition> assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        return partitions;
    }

    static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private Properties producerProperties() {
        Properties props = base();
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        return props;
    }
}
