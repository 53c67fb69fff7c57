package ledger.app.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Throughput: a backlog of commands sent as fast as a batching producer can, timed from the first
 * send until every command's outcome is visible to a read_committed consumer.
 */
final class BacklogPhase {

    /** What the backlog took, in seconds from its first send. */
    record Result(
            int commands,
            int distinct,
            long start,
            double seconds,
            double sendSeconds,
            long rejected) {

        double commandsPerSecond() {
            return commands / seconds;
        }
    }

    /** A phase fails when no outcome arrives for this long. */
    static final Duration STALL = Duration.ofMinutes(2);

    private final Target target;
    private final BenchClients clients;
    private final Progress progress;

    BacklogPhase(Target target, BenchClients clients, Progress progress) {
        this.target = target;
        this.clients = clients;
        this.progress = progress;
    }

    /**
     * Sends {@code commands} commands from {@code source}, whose ids are {@code idPrefix} and an
     * index below {@code distinct}, and waits for all their outcomes.
     */
    Result run(
            String label,
            Supplier<Workload.Command> source,
            String idPrefix,
            int commands,
            int distinct)
            throws Exception {
        String topic = target.topics().commands();
        AtomicReference<Exception> failed = new AtomicReference<>();
        long[] sent = new long[1];
        try (OutcomeWatcher watcher =
                        new OutcomeWatcher(
                                clients, target.topics().outcomes(), idPrefix, (i, t) -> {});
                KafkaProducer<byte[], byte[]> producer = clients.batching()) {
            producer.partitionsFor(topic);
            progress.begin(label, distinct);
            long start = System.nanoTime();
            Thread sender =
                    new Thread(
                            () -> {
                                for (int i = 0; i < commands && failed.get() == null; i++) {
                                    Workload.Command command = source.get();
                                    producer.send(
                                            new ProducerRecord<>(
                                                    topic, command.key(), command.value()),
                                            (metadata, e) -> {
                                                if (e != null) {
                                                    failed.compareAndSet(null, e);
                                                }
                                            });
                                }
                                producer.flush();
                                sent[0] = System.nanoTime();
                            },
                            "bench-sender");
            sender.start();
            try {
                watcher.await(distinct, STALL, progress);
            } finally {
                sender.join();
            }
            if (failed.get() != null) {
                throw new IllegalStateException(
                        "sending commands failed: " + failed.get().getMessage(), failed.get());
            }
            Result result =
                    new Result(
                            commands,
                            distinct,
                            start,
                            (watcher.lastNanos() - start) / 1e9,
                            (sent[0] - start) / 1e9,
                            watcher.rejected());
            progress.end(
                    String.format(
                            "%,d commands answered in %.1f s, %,.0f commands/s",
                            commands, result.seconds(), result.commandsPerSecond()));
            return result;
        }
    }
}
