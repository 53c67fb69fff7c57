package ledger.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import ledger.app.Main;
import ledger.app.UnreachableException;
import ledger.codec.CommandCodec;
import ledger.codec.OutcomeCodec;
import ledger.codec.Topics;
import ledger.domain.AccountCommand;
import ledger.domain.Amount;
import ledger.domain.CommandEnvelope;
import ledger.domain.Outcome;
import ledger.domain.Parsed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Sends one command to the ledger's commands topic and waits for its outcome: the options and the
 * Kafka exchange shared by {@code open}, {@code deposit}, {@code withdraw} and {@code close}.
 */
public final class CommandClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Stands in for an amount that does not parse, which is then sent as typed (see below). */
    private static final Amount PLACEHOLDER = new Amount(BigDecimal.ONE);

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--command-id",
            paramLabel = "ID",
            description = "the command's id (default: a random UUID); reuse it to retry safely")
    String commandId;

    @Option(
            names = "--expected-sequence",
            paramLabel = "N",
            description = "apply only if the account's last event sequence is N (0: no events)")
    Long expectedSequence;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "how long to wait for the outcome (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--json", description = "print the outcome JSON as the ledger published it")
    boolean json;

    /** Sends a command and returns the exit code of its outcome. */
    public int send(KafkaOptions kafka, String accountId, AccountCommand command) {
        CommandEnvelope envelope = envelope(accountId, command);
        return exchange(kafka, envelope, CommandCodec.encode(envelope));
    }

    /** Sends a command carrying an amount as the user typed it. */
    public int send(
            KafkaOptions kafka,
            String accountId,
            String amount,
            Function<Amount, AccountCommand> command) {
        Parsed<Amount> parsed = Amount.parse(amount);
        if (parsed instanceof Parsed.Valid<Amount> valid) {
            return send(kafka, accountId, command.apply(valid.value()));
        }
        // Rejecting is the ledger's job: send the amount as typed and report its INVALID_AMOUNT
        // outcome, so the CLI answers exactly as any other client would be answered.
        CommandEnvelope envelope = envelope(accountId, command.apply(PLACEHOLDER));
        return exchange(kafka, envelope, withAmount(CommandCodec.encode(envelope), amount));
    }

    /** The one line printed for an outcome. */
    static String describe(Outcome outcome) {
        if (outcome.isAccepted()) {
            String sequence =
                    outcome.sequence().isPresent()
                            ? " sequence=" + outcome.sequence().getAsLong()
                            : "";
            return "ACCEPTED " + outcome.commandId() + " account=" + outcome.accountId() + sequence;
        }
        String message = outcome.message() == null ? "" : " " + outcome.message();
        return "REJECTED " + outcome.reason() + message + " (command " + outcome.commandId() + ")";
    }

    private CommandEnvelope envelope(String accountId, AccountCommand command) {
        String id = commandId != null ? commandId : UUID.randomUUID().toString();
        OptionalLong expected =
                expectedSequence == null ? OptionalLong.empty() : OptionalLong.of(expectedSequence);
        // The timestamp is the log's to give (LogAppendTime); the codec does not send it.
        return new CommandEnvelope(id, accountId, expected, 0L, command);
    }

    private int exchange(KafkaOptions kafka, CommandEnvelope envelope, byte[] value) {
        Topics topics = kafka.topics();
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(kafka)) {
            List<TopicPartition> partitions =
                    KafkaClients.partitions(consumer, kafka, topics.outcomes());
            // Checked first so that sending cannot auto-create the topic with broker defaults.
            KafkaClients.partitions(consumer, kafka, topics.commands());
            consumer.assign(partitions);
            // Fix the positions before sending, so the outcome cannot arrive before we listen.
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            produce(kafka, topics.commands(), envelope.accountId(), value);
            return report(await(consumer, envelope.commandId()));
        }
    }

    private static void produce(KafkaOptions kafka, String topic, String accountId, byte[] value) {
        KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka);
        try {
            producer.send(new ProducerRecord<>(topic, accountId.getBytes(UTF_8), value)).get();
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new UnreachableException(
                    "cannot send to "
                            + topic
                            + " at "
                            + kafka.bootstrapServers()
                            + ": "
                            + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while sending the command");
        } finally {
            producer.close(Duration.ofSeconds(1));
        }
    }

    private byte[] await(KafkaConsumer<byte[], byte[]> consumer, String id) {
        byte[] key = id.getBytes(UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofNanos(left))) {
                if (Arrays.equals(key, record.key())) {
                    return record.value();
                }
            }
        }
        throw new UnreachableException(
                "no outcome for command "
                        + id
                        + " within "
                        + DurationConverter.format(timeout)
                        + " (is the ledger job running?)");
    }

    private int report(byte[] value) {
        Outcome outcome = OutcomeCodec.decode(value);
        PrintWriter out = mixee.commandLine().getOut();
        out.println(json ? new String(value, UTF_8) : describe(outcome));
        out.flush();
        return outcome.isAccepted() ? Main.ACCEPTED : Main.REJECTED;
    }

    static byte[] withAmount(byte[] command, String amount) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(command);
            node.put("amount", amount);
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
