package ledger.app.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import ledger.app.embedded.EmbeddedLedger;
import ledger.app.embedded.EmbeddedLedger.Settings;
import ledger.app.embedded.Ports;
import ledger.codec.CommandCodec;
import ledger.codec.Topics;
import ledger.domain.AccountCommand;
import ledger.domain.AccountCommand.CloseAccount;
import ledger.domain.AccountCommand.OpenAccount;
import ledger.domain.CommandEnvelope;
import ledger.domain.Outcome;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What `ledger up` runs, on free ports under a test's directory, with a producer for commands and a
 * way to wait for their outcomes.
 */
public final class TestLedger implements AutoCloseable {

    private final EmbeddedLedger ledger;
    private final KafkaProducer<byte[], byte[]> producer;

    private TestLedger(EmbeddedLedger ledger) {
        this.ledger = ledger;
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", ledger.bootstrapServers());
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        props.setProperty("linger.ms", "5");
        this.producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static Settings settings(Path dir, String stateBackend) {
        return new Settings(
                dir,
                Ports.free(),
                Ports.free(),
                Ports.free(),
                Ports.free(),
                Ports.free(),
                null,
                2,
                4,
                Topics.DEFAULT_PREFIX,
                Duration.ofMillis(500),
                stateBackend,
                Duration.ofDays(7),
                false);
    }

    public static TestLedger start(Settings settings) throws Exception {
        return new TestLedger(EmbeddedLedger.start(settings));
    }

    public String bootstrapServers() {
        return ledger.bootstrapServers();
    }

    public Topics topics() {
        return ledger.topics();
    }

    public String apiUrl() {
        return ledger.apiUrl();
    }

    public EmbeddedLedger ledger() {
        return ledger;
    }

    /** Sends a raw record to the commands topic and waits for the broker's acknowledgement. */
    public void sendRaw(String key, byte[] value, RecordHeaders headers) throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                topics().commands(),
                                null,
                                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                                value,
                                headers))
                .get();
    }

    public void send(String accountId, String json) throws Exception {
        sendRaw(accountId, json.getBytes(StandardCharsets.UTF_8), new RecordHeaders());
    }

    /** All outcome records of the given command ids, waiting until each has at least one. */
    public Map<String, List<Outcome>> awaitOutcomes(Set<String> commandIds, Duration timeout)
            throws InterruptedException {
        return LogReader.awaitOutcomes(bootstrapServers(), topics(), commandIds, timeout);
    }

    public static String open(String commandId, String accountId, String currency) {
        return json(commandId, accountId, new OpenAccount("Owner of " + accountId, currency));
    }

    /**
     * A Deposit or Withdraw as a client writes it, the amount as given: "0" is for the ledger to
     * reject.
     */
    public static String money(String type, String commandId, String accountId, String amount) {
        return "{\"commandId\":\"%s\",\"type\":\"%s\",\"accountId\":\"%s\",\"amount\":\"%s\"}"
                .formatted(commandId, type, accountId, amount);
    }

    public static String transfer(String commandId, String from, String to, String amount) {
        return ("{\"commandId\":\"%s\",\"type\":\"Transfer\",\"accountId\":\"%s\","
                        + "\"toAccountId\":\"%s\",\"amount\":\"%s\"}")
                .formatted(commandId, from, to, amount);
    }

    public static String close(String commandId, String accountId) {
        return json(commandId, accountId, new CloseAccount());
    }

    private static String json(String commandId, String accountId, AccountCommand command) {
        return new String(
                CommandCodec.encode(
                        new CommandEnvelope(
                                commandId, accountId, OptionalLong.empty(), 0, command)),
                StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        producer.close(Duration.ofSeconds(5));
        ledger.close();
    }
}
