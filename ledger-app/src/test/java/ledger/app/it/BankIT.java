package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import ledger.codec.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank test: many accounts across all partitions, several threads sending random transfers
 * (some to missing accounts, some retried as duplicates), and `ledger up` killed with kill -9 at
 * random moments, three times. The whole log must then pass {@link BankAudit}.
 */
class BankIT {

    private static final int ACCOUNTS = 40;
    private static final int TRANSFERS = 10_500;
    private static final int THREADS = 4;
    private static final int KILLS = 3;
    private static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX);

    @TempDir Path dir;

    @Test
    void money_is_never_lost_or_created_while_the_ledger_is_killed_mid_stream() throws Exception {
        Random random = new Random(20261204);
        List<Workload.Command> setup =
                Workload.openAndFund(
                        IntStream.range(0, ACCOUNTS).mapToObj(a -> "bank-" + a).toList(),
                        "100000.00");
        List<Workload.Command> transfers = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            String from = "bank-" + random.nextInt(ACCOUNTS);
            int pick = random.nextInt(100);
            String to = pick < 4 ? "ghost" : pick < 5 ? from : "bank-" + random.nextInt(ACCOUNTS);
            String amount =
                    (1 + random.nextInt(200)) + "." + random.nextInt(10) + random.nextInt(10);
            transfers.add(
                    new Workload.Command(
                            from, "t-" + i, TestLedger.transfer("t-" + i, from, to, amount)));
        }
        Set<String> ids =
                new java.util.HashSet<>(
                        setup.stream()
                                .map(Workload.Command::commandId)
                                .collect(Collectors.toSet()));
        transfers.forEach(t -> ids.add(t.commandId()));

        LedgerProcess.Ports ports = LedgerProcess.Ports.free();
        List<Workload.Command> pending = new ArrayList<>(transfers);
        int slice = pending.size() / (KILLS + 1);
        long started = System.nanoTime();
        for (int round = 0; round <= KILLS; round++) {
            LedgerProcess ledger = LedgerProcess.start(dir, ports);
            if (round == 0) {
                // Accounts opened and funded first, in order: a deposit must not pass its open.
                sendInOrder(ports, setup);
                LogReader.awaitOutcomes(
                        ports.bootstrapServers(),
                        TOPICS,
                        setup.stream().map(Workload.Command::commandId).collect(Collectors.toSet()),
                        Duration.ofSeconds(60));
            }
            boolean last = round == KILLS;
            List<Workload.Command> batch =
                    new ArrayList<>(
                            pending.subList(
                                    0, last ? pending.size() : Math.min(slice, pending.size())));
            pending.subList(0, batch.size()).clear();
            List<Workload.Command> unsent =
                    sendWhileKilling(ports, batch, last ? null : ledger, random);
            if (!last) {
                assertThat(unsent).as("the kill in round %d landed mid-stream", round).isNotEmpty();
                pending.addAll(0, unsent);
                continue;
            }
            assertThat(unsent).isEmpty();
            try (ledger) {
                LogReader.awaitOutcomes(
                        ports.bootstrapServers(), TOPICS, ids, Duration.ofSeconds(180));
                BankAudit.Report report = BankAudit.verify(ports.bootstrapServers(), TOPICS, ids);
                System.out.printf(
                        "bank test: %d transfers (%d credited, %d refunded), %d events, %d kills,"
                                + " %.1f s, money %d minor units conserved%n",
                        report.debited(),
                        report.credited(),
                        report.refunded(),
                        report.events(),
                        KILLS,
                        (System.nanoTime() - started) / 1e9,
                        report.totalMinor());
                assertThat(report.debited()).isGreaterThanOrEqualTo(10_000);
                assertThat(report.refunded()).isPositive();
            }
        }
    }

    /**
     * Sends a batch from several threads, re-sending one already-sent command now and then (a
     * client retry). With a ledger given, kills it with -9 once part of the batch is out; returns
     * what was not acknowledged, to be sent again after the restart.
     */
    private static List<Workload.Command> sendWhileKilling(
            LedgerProcess.Ports ports,
            List<Workload.Command> batch,
            LedgerProcess victim,
            Random random)
            throws Exception {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", ports.bootstrapServers());
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        props.setProperty("linger.ms", "2");
        props.setProperty("delivery.timeout.ms", "5000");
        props.setProperty("request.timeout.ms", "2000");
        props.setProperty("max.block.ms", "5000");
        AtomicInteger acknowledged = new AtomicInteger();
        ConcurrentLinkedQueue<Workload.Command> unsent = new ConcurrentLinkedQueue<>();
        int killAt =
                victim == null
                        ? Integer.MAX_VALUE
                        : batch.size() / 5 + random.nextInt(batch.size() / 2);
        long seed = random.nextLong();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int part = t;
                Thread thread =
                        new Thread(
                                () -> {
                                    Random retries = new Random(seed + part);
                                    List<Workload.Command> mine = new ArrayList<>();
                                    for (int i = part; i < batch.size(); i += THREADS) {
                                        mine.add(batch.get(i));
                                    }
                                    for (int i = 0; i < mine.size(); i++) {
                                        Workload.Command command = mine.get(i);
                                        try {
                                            send(producer, command);
                                            if (i > 0 && retries.nextInt(100) < 5) {
                                                send(producer, mine.get(retries.nextInt(i)));
                                            }
                                            acknowledged.incrementAndGet();
                                        } catch (Exception brokerGone) {
                                            unsent.addAll(mine.subList(i, mine.size()));
                                            return;
                                        }
                                    }
                                });
                threads.add(thread);
                thread.start();
            }
            if (victim != null) {
                while (acknowledged.get() < killAt && threads.stream().anyMatch(Thread::isAlive)) {
                    Thread.sleep(5);
                }
                victim.kill();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            producer.close(Duration.ZERO);
        }
        List<Workload.Command> left = new ArrayList<>(unsent);
        Collections.shuffle(left, random);
        return left;
    }

    private static void sendInOrder(LedgerProcess.Ports ports, List<Workload.Command> commands)
            throws Exception {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", ports.bootstrapServers());
        props.setProperty("enable.idempotence", "true");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Workload.Command command : commands) {
                send(producer, command);
            }
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Workload.Command command)
            throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                TOPICS.commands(),
                                command.accountId().getBytes(StandardCharsets.UTF_8),
                                command.json().getBytes(StandardCharsets.UTF_8)))
                .get(10, TimeUnit.SECONDS);
    }
}
