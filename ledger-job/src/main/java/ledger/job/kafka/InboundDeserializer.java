package ledger.job.kafka;

import ledger.codec.CommandCodec;
import ledger.codec.CommandCodec.Address;
import ledger.codec.SagaCodec;
import ledger.domain.AccountHandler;
import ledger.domain.CommandEnvelope;
import ledger.job.Inbound;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a command record far enough to know its address. It never throws: whatever arrives becomes
 * an {@link Inbound}, addressable or bound for the dead-letter topic.
 */
public final class InboundDeserializer implements KafkaRecordDeserializationSchema<Inbound> {

    private final String sagaTopic;

    public InboundDeserializer(String sagaTopic) {
        this.sagaTopic = sagaTopic;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound> out) {
        if (record.topic().equals(sagaTopic)) {
            step(record, out);
            return;
        }
        Address address = CommandCodec.address(record.value());
        if (address.isAddressable()) {
            out.collect(
                    Inbound.addressed(
                            address.accountId(),
                            address.commandId(),
                            record.timestamp(),
                            record.value()));
            return;
        }
        deadLetter(record, address.error(), out);
    }

    /** Saga steps are written by the ledger itself; one that does not parse is a dead letter. */
    private static void step(ConsumerRecord<byte[], byte[]> record, Collector<Inbound> out) {
        CommandEnvelope step;
        try {
            step = SagaCodec.decode(record.value(), record.timestamp());
        } catch (RuntimeException broken) {
            deadLetter(record, "unreadable saga step: " + broken.getMessage(), out);
            return;
        }
        out.collect(
                Inbound.step(
                        step.accountId(),
                        AccountHandler.dedupKey(step),
                        record.timestamp(),
                        record.value()));
    }

    private static void deadLetter(
            ConsumerRecord<byte[], byte[]> record, String error, Collector<Inbound> out) {
        Header[] headers = record.headers().toArray();
        String[] keys = new String[headers.length];
        byte[][] values = new byte[headers.length][];
        for (int i = 0; i < headers.length; i++) {
            keys[i] = headers[i].key();
            values[i] = headers[i].value();
        }
        out.collect(
                new Inbound(
                        null,
                        null,
                        record.timestamp(),
                        record.value(),
                        false,
                        error,
                        record.key(),
                        keys,
                        values));
    }

    @Override
    public TypeInformation<Inbound> getProducedType() {
        return TypeInformation.of(Inbound.class);
    }
}
