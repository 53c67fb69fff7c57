package ledger.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import ledger.app.Main;
import ledger.app.embedded.EmbeddedKafka;
import ledger.app.embedded.Ports;
import ledger.codec.CommandCodec;
import ledger.codec.OutcomeCodec;
import ledger.domain.CommandEnvelope;
import ledger.domain.Outcome;
import ledger.domain.Parsed;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client subcommands against a real broker, with a stand-in for the ledger job that answers
 * each command transactionally: accepted when it decodes, rejected with the codec's reason if not.
 */
class ClientCommandsIT {

    @TempDir static Path dir;

    private static EmbeddedKafka kafka;
    private static Thread responder;
    private static final AtomicBoolean answering = new AtomicBoolean(true);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startKafkaAndResponder() throws Exception {
        kafka = EmbeddedKafka.start(dir, Ports.free(), Ports.free());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(
                            List.of("commands", "outcomes", "events", "dlq", "saga").stream()
                                    .map(name -> new NewTopic("it." + name, 2, (short) 1))
                                    .collect(Collectors.toList()))
                    .all()
                    .get();
        }
        responder = new Thread(ClientCommandsIT::answer, "responder");
        responder.setDaemon(true);
        responder.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private int run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = kafka.bootstrapServers();
        all[args.length + 2] = "--topic-prefix";
        all[args.length + 3] = "it.";
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void acceptedCommandPrintsOneLineAndExitsZero() {
        int code =
                run(
                        "open",
                        "--account",
                        "alice",
                        "--owner",
                        "Zoë",
                        "--currency",
                        "EUR",
                        "--command-id",
                        "c-open");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("ACCEPTED c-open account=alice sequence=1\n");
    }

    @Test
    void invalidAmountIsSentAndRejectedByTheLedger() {
        int code = run("deposit", "--account", "alice", "--amount", "-5", "--command-id", "c-bad");
        assertThat(code).isEqualTo(Main.REJECTED);
        assertThat(out.toString())
                .startsWith("REJECTED INVALID_AMOUNT ")
                .endsWith("(command c-bad)\n");
    }

    @Test
    void jsonPrintsTheOutcomeAsPublished() {
        int code =
                run(
                        "withdraw",
                        "--account",
                        "bob",
                        "--amount",
                        "1.5",
                        "--json",
                        "--command-id",
                        "c-json",
                        "--expected-sequence",
                        "3");
        assertThat(code).isZero();
        assertThat(out.toString())
                .isEqualTo(
                        "{\"commandId\":\"c-json\",\"accountId\":\"bob\",\"status\":\"ACCEPTED\","
                                + "\"sequence\":1}\n");
    }

    @Test
    void tailPrintsCommandsWithKeysAndStops() {
        run("close", "--account", "carol", "--command-id", "c-tail");
        out.getBuffer().setLength(0);
        int code = run("tail", "--topic", "it.commands", "--keys", "--idle-timeout", "2s");
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains(
                        "carol\t{\"commandId\":\"c-tail\",\"type\":\"CloseAccount\","
                                + "\"accountId\":\"carol\"}\n");
    }

    @Test
    void tailOfDeadLettersShowsTheErrorHeader() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(null)) {
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(
                            "it.dlq", "k".getBytes(UTF_8), "not\njson".getBytes(UTF_8));
            record.headers().add("error", "not a JSON object".getBytes(UTF_8));
            producer.send(record).get();
        }
        int code = run("tail", "--topic", "dlq", "--max-records", "1");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("not json  [error: not a JSON object]\n");
    }

    @Test
    void missingOutcomeTimesOutWithExitThree() {
        answering.set(false);
        try {
            int code =
                    run("close", "--account", "dave", "--command-id", "c-lost", "--timeout", "2s");
            assertThat(code).isEqualTo(Main.UNREACHABLE);
            assertThat(err.toString())
                    .isEqualTo(
                            "ledger: no outcome for command c-lost within 2s"
                                    + " (is the ledger job running?)\n");
        } finally {
            answering.set(true);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Map<String, Object> config =
                transactionalId == null
                        ? Map.of("bootstrap.servers", kafka.bootstrapServers())
                        : Map.of(
                                "bootstrap.servers",
                                kafka.bootstrapServers(),
                                "transactional.id",
                                transactionalId);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The stand-in ledger: one transaction per outcome, as the real job writes them. */
    private static void answer() {
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(
                                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                                new ByteArrayDeserializer(),
                                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer =
                        producer("responder-" + UUID.randomUUID())) {
            producer.initTransactions();
            List<TopicPartition> partitions =
                    List.of(
                            new TopicPartition("it.commands", 0),
                            new TopicPartition("it.commands", 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(100))) {
                    if (!answering.get()) {
                        continue;
                    }
                    CommandCodec.Address address = CommandCodec.address(record.value());
                    Parsed<CommandEnvelope> parsed = CommandCodec.decode(record.value(), 0L);
                    Outcome outcome =
                            parsed instanceof Parsed.Invalid<CommandEnvelope> invalid
                                    ? Outcome.rejected(
                                            address.commandId(),
                                            address.accountId(),
                                            invalid.reason(),
                                            invalid.message())
                                    : Outcome.accepted(address.commandId(), address.accountId(), 1);
                    producer.beginTransaction();
                    producer.send(
                            new ProducerRecord<>(
                                    "it.outcomes",
                                    address.commandId().getBytes(UTF_8),
                                    OutcomeCodec.encode(outcome)));
                    producer.commitTransaction();
                }
            }
        } catch (RuntimeException stopped) {
            // The broker went away at the end of the tests.
        }
    }
}
