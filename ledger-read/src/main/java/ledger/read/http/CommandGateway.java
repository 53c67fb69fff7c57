package ledger.read.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ledger.codec.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's way into the ledger: sends commands to the commands topic and waits for their outcomes,
 * which one listener thread reads from the outcomes topic (committed records only) and hands to
 * whichever request registered the command id.
 */
public final class CommandGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandGateway.class);

    /** Requests waiting for an outcome; several may wait for one id (a repeated key). */
    private static final class Pending {
        final CompletableFuture<String> outcome = new CompletableFuture<>();
        int waiters;
    }

    private final Topics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;
    private boolean closed;

    /**
     * Connects to Kafka and starts listening at the end of the outcomes topic, so every outcome of
     * a command sent from now on is seen. Fails if the topic cannot be found.
     */
    public CommandGateway(Properties kafka, Topics topics) {
        this.topics = topics;
        this.producer = producer(kafka);
        this.consumer = consumer(kafka);
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topics.outcomes());
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topics.outcomes() + " does not exist");
            }
            List<TopicPartition> partitions =
                    infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // Fix the positions now: an outcome written after this constructor is never missed.
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close();
            producer.close(Duration.ZERO);
            throw e;
        }
        this.listener = new Thread(this::listen, "ledger-api-outcomes");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Sends a command keyed by its account id and waits up to {@code wait} for its outcome JSON;
     * empty when none came in time.
     *
     * @throws CommandNotSentException when Kafka does not take the command
     */
    public Optional<String> submit(
            String accountId, String commandId, byte[] command, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        // Registered before sending: the outcome may arrive before send() returns.
        Pending waiting =
                pending.compute(
                        commandId,
                        (id, p) -> {
                            Pending next = p == null ? new Pending() : p;
                            next.waiters++;
                            return next;
                        });
        try {
            send(accountId, command);
            long left = deadline - System.nanoTime();
            return Optional.of(waiting.outcome.get(Math.max(0, left), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("outcome listener failed", e.getCause());
        } finally {
            pending.computeIfPresent(
                    commandId, (id, p) -> p == waiting && --p.waiters == 0 ? null : p);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        consumer.wakeup();
        try {
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void send(String accountId, byte[] command) throws InterruptedException {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topics.commands(), accountId.getBytes(UTF_8), command);
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw notSent(e.getCause());
        } catch (KafkaException e) {
            throw notSent(e);
        }
    }

    private CommandNotSentException notSent(Throwable cause) {
        return new CommandNotSentException(
                "cannot send to " + topics.commands() + ": " + cause.getMessage(), cause);
    }

    private void listen() {
        try (consumer) {
            while (running) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record :
                            consumer.poll(Duration.ofMillis(500))) {
                        deliver(record);
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop; the loop condition says so.
                } catch (RuntimeException e) {
                    // Requests waiting meanwhile time out with 202; the listener must survive.
                    LOG.warn("reading outcomes failed; retrying", e);
                    sleepBriefly();
                }
            }
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        Pending waiting = pending.remove(new String(record.key(), UTF_8));
        if (waiting != null) {
            waiting.outcome.complete(new String(record.value(), UTF_8));
        }
    }

    private void sleepBriefly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Properties kafka) {
        Properties props = new Properties();
        // Short enough that a request learns within seconds that Kafka is gone.
        props.setProperty("max.block.ms", "5000");
        props.setProperty("request.timeout.ms", "5000");
        props.setProperty("delivery.timeout.ms", "10000");
        props.setProperty("linger.ms", "0");
        props.putAll(kafka);
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Properties kafka) {
        Properties props = new Properties();
        props.setProperty("default.api.timeout.ms", "10000");
        props.putAll(kafka);
        props.remove("group.id");
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("enable.auto.commit", "false");
        props.setProperty("allow.auto.create.topics", "false");
        props.setProperty("auto.offset.reset", "latest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
