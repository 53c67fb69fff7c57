package ledger.app.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import ledger.codec.OutcomeCodec;
import ledger.codec.Topics;
import ledger.domain.Outcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic as a read_committed consumer sees it, partition by partition in order. */
public final class LogReader {

    private LogReader() {}

    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrap);
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("max.poll.records", "5000");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort(
                (a, b) ->
                        a.partition() != b.partition()
                                ? Integer.compare(a.partition(), b.partition())
                                : Long.compare(a.offset(), b.offset()));
        return records;
    }

    /** All outcome records of the given command ids, waiting until each has at least one. */
    public static Map<String, List<Outcome>> awaitOutcomes(
            String bootstrap, Topics topics, Set<String> commandIds, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, List<Outcome>> found = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : readAll(bootstrap, topics.outcomes())) {
                Outcome outcome = OutcomeCodec.decode(record.value());
                if (commandIds.contains(outcome.commandId())) {
                    found.computeIfAbsent(outcome.commandId(), id -> new ArrayList<>())
                            .add(outcome);
                }
            }
            if (found.keySet().containsAll(commandIds)) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no outcome for "
                                + commandIds.stream()
                                        .filter(id -> !found.containsKey(id))
                                        .limit(5)
                                        .toList()
                                + "...: got "
                                + found.size()
                                + " of "
                                + commandIds.size());
            }
            Thread.sleep(300);
        }
    }

    private static boolean reached(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
