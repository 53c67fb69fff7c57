package ledger.app.cli;

import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import ledger.app.UnreachableException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients of the command line: tuned to fail within seconds rather than retry for
 * minutes, and translating "nothing there" into {@link UnreachableException} (exit code 3).
 */
final class KafkaClients {

    /**
     * Short timeouts so a missing broker is reported quickly; {@code --kafka-property} overrides
     * them, e.g. for a slow remote cluster. {@code default.api.timeout.ms} bounds the first
     * metadata fetch, which is how an unreachable broker shows itself.
     */
    private static final Properties CLI_DEFAULTS = new Properties();

    static {
        CLI_DEFAULTS.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        CLI_DEFAULTS.setProperty(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        CLI_DEFAULTS.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        CLI_DEFAULTS.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        CLI_DEFAULTS.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "ledger-cli");
    }

    private KafkaClients() {}

    /** A consumer with no group: it is assigned partitions and never commits offsets. */
    static KafkaConsumer<byte[], byte[]> consumer(KafkaOptions kafka) {
        Properties properties = properties(kafka);
        // Only committed transactions: the ledger writes its topics transactionally.
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Asking for a missing topic must not create it with broker defaults before the ledger
        // does.
        properties.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return construct(
                kafka,
                () ->
                        new KafkaConsumer<>(
                                properties,
                                new ByteArrayDeserializer(),
                                new ByteArrayDeserializer()));
    }

    /** An idempotent producer that waits for all in-sync replicas. */
    static KafkaProducer<byte[], byte[]> producer(KafkaOptions kafka) {
        Properties properties = properties(kafka);
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return construct(
                kafka,
                () ->
                        new KafkaProducer<>(
                                properties, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /**
     * All partitions of a topic. This is the first request to the broker, so it is where an
     * unreachable Kafka or a ledger that never created its topics is detected.
     */
    static List<TopicPartition> partitions(
            KafkaConsumer<byte[], byte[]> consumer, KafkaOptions kafka, String topic) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic);
        } catch (TimeoutException e) {
            throw unreachable(kafka);
        } catch (AuthenticationException e) {
            throw new UnreachableException(
                    "cannot authenticate to Kafka at "
                            + kafka.bootstrapServers()
                            + ": "
                            + e.getMessage());
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new UnreachableException(
                    "topic "
                            + topic
                            + " does not exist at "
                            + kafka.bootstrapServers()
                            + " (has the ledger been started?)");
        }
        return partitions.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .collect(Collectors.toList());
    }

    static UnreachableException unreachable(KafkaOptions kafka) {
        return new UnreachableException("cannot reach Kafka at " + kafka.bootstrapServers());
    }

    private static Properties properties(KafkaOptions kafka) {
        Properties properties = new Properties();
        properties.putAll(CLI_DEFAULTS);
        properties.putAll(kafka.clientProperties());
        return properties;
    }

    private interface Constructor<T> {
        T construct();
    }

    private static <T> T construct(KafkaOptions kafka, Constructor<T> constructor) {
        try {
            return constructor.construct();
        } catch (KafkaException e) {
            Throwable cause = rootCause(e);
            // A host name that does not resolve is a broker that cannot be reached, not bad usage.
            if (cause instanceof ConfigException
                    && String.valueOf(cause.getMessage()).contains("No resolvable bootstrap")) {
                throw unreachable(kafka);
            }
            throw new IllegalArgumentException(
                    "invalid Kafka client configuration: " + cause.getMessage(), e);
        }
    }

    private static Throwable rootCause(Throwable throwable) {
        Throwable cause = throwable;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
