package ledger.job.kafka;

import java.util.Properties;
import ledger.job.Inbound;
import ledger.job.JobConfig;
import ledger.job.Outbound;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The job's Kafka source and its exactly-once sink, configured from a {@link JobConfig}. */
public final class KafkaConnectors {

    /** Below the broker's default transaction.max.timeout.ms of 15 minutes. */
    private static final String TRANSACTION_TIMEOUT_MS = "600000";

    private KafkaConnectors() {}

    /**
     * Commands and saga steps from the committed offsets of the job's group (the earliest when
     * there are none), read committed only. A restored checkpoint's offsets take precedence.
     */
    @SuppressWarnings("deprecation") // the connector's API still takes the deprecated enum
    public static KafkaSource<Inbound> commands(JobConfig config) {
        return KafkaSource.<Inbound>builder()
                .setProperties(config.kafkaClientProperties())
                .setTopics(config.topics().commands(), config.topics().saga())
                .setGroupId(config.groupId())
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new InboundDeserializer(config.topics().saga()))
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    /** One transactional sink for events, outcomes and dead letters, committed per checkpoint. */
    public static KafkaSink<Outbound> ledgerTopics(JobConfig config) {
        Properties producer = config.kafkaClientProperties();
        producer.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        // Transactions commit once per checkpoint, so nothing waits on a single send: fill
        // larger batches (fewer requests for the broker) unless the user configured otherwise.
        producer.putIfAbsent("linger.ms", "10");
        producer.putIfAbsent("batch.size", String.valueOf(128 * 1024));
        return KafkaSink.<Outbound>builder()
                .setKafkaProducerConfig(producer)
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(new OutboundSerializer(config.topics()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix())
                .build();
    }
}
