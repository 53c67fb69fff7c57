package ledger.job;

import java.nio.charset.StandardCharsets;
import ledger.codec.EventCodec;
import ledger.codec.SagaCodec;
import ledger.domain.RecordedEvent;
import ledger.domain.SagaStep;

/**
 * A record the job appends to one of its topics. Events, outcomes, saga steps and dead letters
 * leave through one transactional sink, so one checkpoint commits them together.
 */
public record Outbound(
        Channel channel,
        byte[] key,
        byte[] value,
        long timestamp,
        String[] headerKeys,
        byte[][] headerValues) {

    /** Which of the ledger's topics a record goes to. */
    public enum Channel {
        EVENTS,
        OUTCOMES,
        SAGA,
        DLQ
    }

    /** No timestamp of our own: Kafka stamps the record. */
    public static final long NO_TIMESTAMP = -1;

    public static Outbound event(RecordedEvent event) {
        return new Outbound(
                Channel.EVENTS,
                utf8(event.accountId()),
                EventCodec.encode(event),
                event.occurredAt(),
                null,
                null);
    }

    /** A transfer step for another account, keyed by that account. */
    public static Outbound step(SagaStep step) {
        return new Outbound(
                Channel.SAGA,
                utf8(step.accountId()),
                SagaCodec.encode(step),
                NO_TIMESTAMP,
                null,
                null);
    }

    public static Outbound outcome(String commandId, byte[] outcome) {
        return new Outbound(Channel.OUTCOMES, utf8(commandId), outcome, NO_TIMESTAMP, null, null);
    }

    /** The original record unchanged, its headers kept, plus an {@code error} header. */
    public static Outbound deadLetter(Inbound rejected) {
        int kept = rejected.headerKeys() == null ? 0 : rejected.headerKeys().length;
        String[] keys = new String[kept + 1];
        byte[][] values = new byte[kept + 1][];
        for (int i = 0; i < kept; i++) {
            keys[i] = rejected.headerKeys()[i];
            values[i] = rejected.headerValues()[i];
        }
        keys[kept] = "error";
        values[kept] = utf8(rejected.error());
        return new Outbound(
                Channel.DLQ, rejected.key(), rejected.value(), rejected.timestamp(), keys, values);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
