package ledger.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import ledger.codec.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger tail}: prints the committed records of one of the ledger's topics, one line each,
 * and follows the topic until interrupted or until {@code --max-records} or {@code --idle-timeout}.
 */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = "Print the records of a ledger topic, one line each, as they arrive.")
public final class TailCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);

    @Mixin KafkaOptions kafka;

    @Spec CommandSpec spec;

    @Option(
            names = "--topic",
            required = true,
            description = "events, outcomes, commands, dlq or saga (short or full name)")
    String topic;

    @Option(names = "--from-end", description = "print only records that arrive from now on")
    boolean fromEnd;

    @Option(names = "--keys", description = "prefix each line with the record key and a tab")
    boolean keys;

    @Option(names = "--max-records", paramLabel = "N", description = "stop after N records")
    Long maxRecords;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "stop when no record has arrived for this long, e.g. 5s")
    Duration idleTimeout;

    @Override
    public Integer call() {
        Topics topics = kafka.topics();
        String name = topics.resolve(topic);
        if (!ledgerTopics(topics).contains(name)) {
            throw new IllegalArgumentException(
                    "unknown topic '" + topic + "': use events, outcomes, commands, dlq or saga");
        }
        if (maxRecords != null && maxRecords < 1) {
            throw new IllegalArgumentException("--max-records must be at least 1");
        }
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(kafka)) {
            List<TopicPartition> partitions = KafkaClients.partitions(consumer, kafka, name);
            consumer.assign(partitions);
            if (fromEnd) {
                consumer.seekToEnd(partitions);
            } else {
                consumer.seekToBeginning(partitions);
            }
            follow(consumer, name.equals(topics.dlq()));
        }
        return ExitCode.OK;
    }

    private static List<String> ledgerTopics(Topics topics) {
        return List.of(
                topics.events(), topics.outcomes(), topics.commands(), topics.dlq(), topics.saga());
    }

    private void follow(KafkaConsumer<byte[], byte[]> consumer, boolean dlq) {
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        long lastRecord = System.nanoTime();
        while (true) {
            Duration wait = POLL;
            if (idleTimeout != null) {
                Duration idle = Duration.ofNanos(System.nanoTime() - lastRecord);
                Duration left = idleTimeout.minus(idle);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                wait = left.compareTo(POLL) < 0 ? left : POLL;
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
                out.println(line(record, dlq));
                // Per record, so a pipe such as `ledger tail ... | grep` sees each one at once.
                out.flush();
                lastRecord = System.nanoTime();
                if (maxRecords != null && ++printed >= maxRecords) {
                    return;
                }
            }
        }
    }

    private String line(ConsumerRecord<byte[], byte[]> record, boolean dlq) {
        StringBuilder line = new StringBuilder();
        if (keys) {
            line.append(record.key() == null ? "" : text(record.key())).append('\t');
        }
        // A null value (a tombstone, or one sent to the dead-letter topic) prints as JSON null.
        line.append(record.value() == null ? "null" : text(record.value()));
        Header error = dlq ? record.headers().lastHeader("error") : null;
        if (error != null && error.value() != null) {
            line.append("  [error: ").append(text(error.value())).append(']');
        }
        return line.toString();
    }

    /**
     * Decodes UTF-8 and folds line breaks into spaces: one record stays one line, and a
     * pretty-printed JSON value stays valid JSON.
     */
    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8).replaceAll("\\R", " ");
    }
}
