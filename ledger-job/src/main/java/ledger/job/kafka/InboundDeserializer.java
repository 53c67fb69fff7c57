package ledger.job.kafka;

import ledger.codec.CommandCodec;
import ledger.codec.CommandCodec.Address;
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

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound> out) {
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
                        address.error(),
                        record.key(),
                        keys,
                        values));
    }

    @Override
    public TypeInformation<Inbound> getProducedType() {
        return TypeInformation.of(Inbound.class);
    }
}
