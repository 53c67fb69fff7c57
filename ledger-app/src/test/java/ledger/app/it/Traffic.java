package ledger.app.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import ledger.codec.OutcomeCodec;
import ledger.codec.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Commands in and outcomes out, timed: a client that sends until the broker acknowledges (resending
 * what failed, as a real client retries), and a read_committed reader of the outcomes topic that
 * notes when each command's first outcome became visible.
 */
final class Traffic implements AutoCloseable {

    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, Long> firstSent = new ConcurrentHashMap<>();
    private final Map<String, Long> firstOutcome = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    Traffic(String bootstrap, Topics topics) {
        this.topics = topics;
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrap);
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        props.setProperty("linger.ms", "5");
        props.setProperty("request.timeout.ms", "5000");
        props.setProperty("delivery.timeout.ms", "30000");
        props.setProperty("max.block.ms", "30000");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        reader = new Thread(() -> readOutcomes(bootstrap), "outcome-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends every command, resending those the broker did not acknowledge, until all are in. */
    void send(List<Workload.Command> commands) throws InterruptedException {
        List<Workload.Command> pending = commands;
        while (!pending.isEmpty()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Workload.Command command : pending) {
                firstSent.putIfAbsent(command.commandId(), System.nanoTime());
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topics.commands(),
                                        command.accountId().getBytes(StandardCharsets.UTF_8),
                                        command.json().getBytes(StandardCharsets.UTF_8))));
            }
            List<Workload.Command> failed = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failed.add(pending.get(i));
                }
            }
            pending = failed;
            if (!pending.isEmpty()) {
                Thread.sleep(200);
            }
        }
    }

    /** Whether a command was ever handed to the producer (and so acknowledged in the end). */
    boolean sent(String commandId) {
        return firstSent.containsKey(commandId);
    }

    /**
     * Sends in small batches at about {@code perSecond} on a thread of its own until {@code stop}
     * is set: a steady stream to kill things under. A batch once begun is sent in full.
     */
    Thread stream(List<Workload.Command> commands, int perSecond, AtomicBoolean stop) {
        Thread thread =
                new Thread(
                        () -> {
                            int batch = Math.max(1, perSecond / 10);
                            try {
                                for (int i = 0; i < commands.size() && !stop.get(); i += batch) {
                                    long started = System.nanoTime();
                                    send(commands.subList(i, Math.min(commands.size(), i + batch)));
                                    long left = 100_000_000L - (System.nanoTime() - started);
                                    if (left > 0) {
                                        TimeUnit.NANOSECONDS.sleep(left);
                                    }
                                }
                            } catch (InterruptedException stopped) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "command-stream");
        thread.start();
        return thread;
    }

    /** Waits until every command has an outcome; returns when the last one became visible. */
    long awaitOutcomes(Collection<String> commandIds, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long last = 0;
            long missing = 0;
            for (String id : commandIds) {
                Long seen = firstOutcome.get(id);
                if (seen == null) {
                    missing++;
                } else {
                    last = Math.max(last, seen);
                }
            }
            if (missing == 0) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(missing + " commands without an outcome after " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /**
     * When the first outcome of a command first sent after {@code since} became visible: the ledger
     * is processing new commands again.
     */
    long awaitFlowAfter(long since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong flowing =
                    firstSent.entrySet().stream()
                            .filter(e -> e.getValue() > since)
                            .map(e -> firstOutcome.get(e.getKey()))
                            .filter(Objects::nonNull)
                            .mapToLong(Long::longValue)
                            .min();
            if (flowing.isPresent()) {
                return flowing.getAsLong();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new outcome within " + timeout);
    }

    private void readOutcomes(String bootstrap) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrap);
        props.setProperty("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topics.outcomes()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                long now = System.nanoTime();
                consumer.poll(Duration.ofMillis(100))
                        .forEach(
                                r ->
                                        firstOutcome.putIfAbsent(
                                                OutcomeCodec.decode(r.value()).commandId(), now));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(10_000);
        producer.close(Duration.ofSeconds(5));
    }
}
