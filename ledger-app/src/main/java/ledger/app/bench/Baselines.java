package ledger.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The physical limits of the log, on the same broker and with records of the commands' size: a
 * plain producer, a plain read_committed consumer, and an exactly-once consume-produce copy loop
 * with no logic, like Kafka's own transactional copier.
 */
final class Baselines {

    static final String RAW = "bench.raw";
    static final String COPY = "bench.copy";

    /** Baseline records are drawn from this many workload commands, made before the clock runs. */
    private static final int POOL = 65_536;

    private final Target target;
    private final BenchClients clients;
    private final Progress progress;

    /**
     * How long the copy loop keeps a transaction open: the ledger's checkpoint interval, since the
     * job commits its transactions once per checkpoint, so both pay the same commit overhead.
     */
    private final long transactionNanos;

    Baselines(Target target, BenchClients clients, Progress progress, Duration checkpointInterval) {
        this.target = target;
        this.clients = clients;
        this.progress = progress;
        this.transactionNanos = checkpointInterval.toNanos();
    }

    Report.Baseline run(Workload.Sequence commands, int records, String run) throws Exception {
        List<Workload.Command> pool = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < Math.min(records, POOL); i++) {
            Workload.Command command = commands.next();
            pool.add(command);
            bytes += command.key().length + command.value().length;
        }
        try (Admin admin = Admin.create(target.kafka())) {
            recreate(admin);
            double produce = produce(pool, records);
            double consume = consume(records);
            double copy = copy(records, "bench-copy-" + run);
            admin.deleteTopics(List.of(RAW, COPY)).all().get();
            admin.deleteConsumerGroups(List.of("bench-copy-" + run)).all().get();
            return new Report.Baseline(
                    records, (double) bytes / pool.size(), produce, consume, copy);
        }
    }

    private double produce(List<Workload.Command> pool, int records) throws Exception {
        AtomicReference<Exception> failed = new AtomicReference<>();
        progress.begin("baseline: producer", records);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = clients.batching()) {
            for (int i = 0; i < records; i++) {
                Workload.Command command = pool.get(i % pool.size());
                producer.send(
                        new ProducerRecord<>(RAW, command.key(), command.value()),
                        (metadata, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
                if ((i & 1023) == 0) {
                    progress.update(i);
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException(
                    "baseline producer failed: " + failed.get().getMessage(), failed.get());
        }
        return finish(records, (System.nanoTime() - start) / 1e9);
    }

    private double consume(int records) {
        progress.begin("baseline: read_committed consumer", records);
        BenchClients.Scan scan = clients.readToEnd(RAW, progress::update);
        return finish(scan.records(), scan.seconds());
    }

    /** Copies raw to copy exactly once: offsets committed in the producer's transaction. */
    private double copy(int records, String id) {
        progress.begin("baseline: transactional copy", records);
        try (KafkaConsumer<byte[], byte[]> consumer = clients.readCommitted(id);
                KafkaProducer<byte[], byte[]> producer = clients.transactional(id)) {
            List<TopicPartition> partitions = BenchClients.assignAll(consumer, RAW);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            producer.initTransactions();
            long start = System.nanoTime();
            long copied = 0;
            int open = 0;
            long opened = 0;
            while (true) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    if (open == 0) {
                        producer.beginTransaction();
                        opened = System.nanoTime();
                    }
                    producer.send(new ProducerRecord<>(COPY, record.key(), record.value()));
                    open++;
                }
                boolean done = BenchClients.reached(consumer, end);
                if (open > 0 && (System.nanoTime() - opened >= transactionNanos || done)) {
                    producer.sendOffsetsToTransaction(
                            positions(consumer, partitions), consumer.groupMetadata());
                    producer.commitTransaction();
                    copied += open;
                    open = 0;
                    progress.update(copied);
                }
                if (done && open == 0) {
                    return finish(copied, (System.nanoTime() - start) / 1e9);
                }
            }
        }
    }

    private double finish(long records, double seconds) {
        double rate = records / Math.max(seconds, 1e-3);
        progress.end(
                String.format("%,d records in %.1f s, %,.0f records/s", records, seconds, rate));
        return rate;
    }

    private void recreate(Admin admin) throws Exception {
        Set<String> mine = Set.of(RAW, COPY);
        if (admin.listTopics().names().get().stream().anyMatch(mine::contains)) {
            admin.deleteTopics(
                            admin.listTopics().names().get().stream()
                                    .filter(mine::contains)
                                    .toList())
                    .all()
                    .get();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (admin.listTopics().names().get().stream().anyMatch(mine::contains)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("old bench topics are not going away");
                }
                Thread.sleep(200);
            }
        }
        admin.createTopics(
                        List.of(
                                new NewTopic(RAW, target.partitions(), target.replication())
                                        .configs(Map.of("message.timestamp.type", "LogAppendTime")),
                                new NewTopic(COPY, target.partitions(), target.replication())))
                .all()
                .get();
        // Created is not yet served: the broker answers ListOffsets only once it leads every
        // partition, and a producer sending earlier meets NOT_LEADER_OR_FOLLOWER.
        try (KafkaConsumer<byte[], byte[]> consumer = clients.readCommitted(null)) {
            for (String topic : mine) {
                consumer.endOffsets(
                        BenchClients.partitions(consumer, topic), Duration.ofSeconds(30));
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> positions(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition tp : partitions) {
            positions.put(tp, new OffsetAndMetadata(consumer.position(tp)));
        }
        return positions;
    }
}
