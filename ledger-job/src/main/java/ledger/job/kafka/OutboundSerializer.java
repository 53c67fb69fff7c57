package ledger.job.kafka;

import ledger.codec.Topics;
import ledger.job.Outbound;
import ledger.job.Outbound.Channel;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Puts each outbound record on its topic, with its key, timestamp and headers. */
public final class OutboundSerializer implements KafkaRecordSerializationSchema<Outbound> {

    private final Topics topics;

    public OutboundSerializer(Topics topics) {
        this.topics = topics;
    }

    private String topic(Channel channel) {
        return switch (channel) {
            case EVENTS -> topics.events();
            case OUTCOMES -> topics.outcomes();
            case SAGA -> topics.saga();
            case DLQ -> topics.dlq();
        };
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Outbound record, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        if (record.headerKeys() != null) {
            for (int i = 0; i < record.headerKeys().length; i++) {
                headers.add(record.headerKeys()[i], record.headerValues()[i]);
            }
        }
        Long stamp = record.timestamp() == Outbound.NO_TIMESTAMP ? null : record.timestamp();
        return new ProducerRecord<>(
                topic(record.channel()), null, stamp, record.key(), record.value(), headers);
    }
}
