package ledger.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
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
