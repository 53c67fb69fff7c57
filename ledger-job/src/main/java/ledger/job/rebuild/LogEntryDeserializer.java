package ledger.job.rebuild;

import java.nio.charset.StandardCharsets;
import ledger.codec.EventCodec;
import ledger.codec.OutcomeCodec;
import ledger.domain.AccountCommand;
import ledger.domain.AccountEvent;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;
import ledger.domain.Outcome;
import ledger.domain.RecordedEvent;
import ledger.job.rebuild.LogEntry.Kind;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the events and outcomes topics into {@link LogEntry} records. A transfer's events also tell
 * the other account what it handled: the log holds everything the saga did.
 */
final class LogEntryDeserializer implements KafkaRecordDeserializationSchema<LogEntry> {

    /** Settlements apply after every event of the account, whatever their order in the log. */
    private static final long LAST = Long.MAX_VALUE;

    private final String eventsTopic;

    LogEntryDeserializer(String eventsTopic) {
        this.eventsTopic = eventsTopic;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LogEntry> out) {
        if (!record.topic().equals(eventsTopic)) {
            Outcome outcome = OutcomeCodec.decode(record.value());
            out.collect(
                    new LogEntry(
                            outcome.accountId(),
                            Kind.OUTCOME,
                            0,
                            outcome.commandId(),
                            record.value()));
            return;
        }
        RecordedEvent recorded = EventCodec.decode(record.value());
        String account = recorded.accountId();
        out.collect(new LogEntry(account, Kind.EVENT, recorded.sequence(), null, record.value()));
        AccountEvent event = recorded.event();
        if (event instanceof TransferDebited debited) {
            out.collect(handled(account, debited.transferId()));
        } else if (event instanceof TransferCredited credited) {
            String source = credited.fromAccountId();
            String transferId = credited.transferId();
            out.collect(handled(account, step(AccountCommand.CreditTransfer.class, transferId)));
            out.collect(handled(source, step(AccountCommand.SettleTransfer.class, transferId)));
            out.collect(
                    new LogEntry(
                            source,
                            Kind.SETTLED,
                            LAST,
                            transferId,
                            credited.amount().toString().getBytes(StandardCharsets.UTF_8)));
        } else if (event instanceof TransferRefunded refunded) {
            String transferId = refunded.transferId();
            out.collect(handled(account, step(AccountCommand.RefundTransfer.class, transferId)));
            out.collect(
                    handled(
                            refunded.toAccountId(),
                            step(AccountCommand.CreditTransfer.class, transferId)));
        }
    }

    @Override
    public TypeInformation<LogEntry> getProducedType() {
        return TypeInformation.of(LogEntry.class);
    }

    private static LogEntry handled(String accountId, String key) {
        return new LogEntry(accountId, Kind.HANDLED, 0, key, null);
    }

    private static String step(Class<? extends AccountCommand> type, String transferId) {
        return "~" + type.getSimpleName() + ":" + transferId;
    }
}
