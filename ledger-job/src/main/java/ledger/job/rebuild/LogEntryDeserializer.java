package ledger.job.rebuild;

import ledger.codec.EventCodec;
import ledger.codec.OutcomeCodec;
import ledger.domain.Outcome;
import ledger.domain.RecordedEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the events and outcomes topics into {@link LogEntry} records. */
final class LogEntryDeserializer implements KafkaRecordDeserializationSchema<LogEntry> {

    private final String eventsTopic;

    LogEntryDeserializer(String eventsTopic) {
        this.eventsTopic = eventsTopic;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LogEntry> out) {
        if (record.topic().equals(eventsTopic)) {
            RecordedEvent event = EventCodec.decode(record.value());
            out.collect(
                    new LogEntry(
                            event.accountId(),
                            true,
                            event.sequence(),
                            event.commandId(),
                            record.value()));
        } else {
            Outcome outcome = OutcomeCodec.decode(record.value());
            out.collect(
                    new LogEntry(
                            outcome.accountId(), false, 0, outcome.commandId(), record.value()));
        }
    }

    @Override
    public TypeInformation<LogEntry> getProducedType() {
        return TypeInformation.of(LogEntry.class);
    }
}
