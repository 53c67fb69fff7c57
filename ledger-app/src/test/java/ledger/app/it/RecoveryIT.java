package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import ledger.app.embedded.EmbeddedLedger;
import ledger.codec.Topics;
import ledger.job.Checkpoints;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of `ledger up` mid-stream, after a checkpoint, and start it again: per account, no event
 * is lost or duplicated and sequences stay contiguous, proven against a replay of the commands
 * through the pure domain.
 */
class RecoveryIT {

    private static final int ROUNDS = 2;

    @TempDir Path dir;

    @Test
    void killing_ledger_up_mid_stream_loses_and_duplicates_nothing() throws Exception {
        List<Workload.Command> commands = Workload.generate("crash", 30, 3000, 7);
        LedgerProcess.Ports ports = LedgerProcess.Ports.free();
        String servers = ports.bootstrapServers();
        Topics topics = new Topics(Topics.DEFAULT_PREFIX);
        Path checkpoints =
                dir.resolve("flink").resolve("checkpoints").resolve(EmbeddedLedger.JOB_ID);

        int next = 0;
        for (int round = 0; round <= ROUNDS; round++) {
            LedgerProcess ledger = LedgerProcess.start(dir, ports);
            if (round > 0) {
                assertThat(ledger.output()).anyMatch(line -> line.contains("resumed from"));
            }
            boolean last = round == ROUNDS;
            long checkpointBefore = latest(checkpoints);
            int stopAt = last ? commands.size() : next + commands.size() / (ROUNDS + 2);
            next = send(servers, commands, next, stopAt);
            if (last) {
                try (ledger) {
                    LogReader.awaitOutcomes(
                            servers,
                            topics,
                            commands.stream()
                                    .map(Workload.Command::commandId)
                                    .collect(Collectors.toSet()),
                            Duration.ofSeconds(120));
                    LogAudit.Result result = LogAudit.verify(servers, topics);
                    assertThat(result.eventsByAccount()).hasSizeGreaterThanOrEqualTo(30);
                }
                break;
            }
            // Keep sending until a new checkpoint has completed, then kill in mid-stream.
            while (latest(checkpoints) <= checkpointBefore + 1 && next < commands.size()) {
                next = send(servers, commands, next, Math.min(next + 20, commands.size()));
            }
            KillDuringSend killer = new KillDuringSend(ledger);
            killer.start();
            next = send(servers, commands, next, commands.size());
            killer.join();
            assertThat(next).as("the kill landed in mid-stream").isLessThan(commands.size());
        }
    }

    /**
     * Sends commands [from, to) one by one; returns the index of the first one not acknowledged.
     */
    private static int send(String servers, List<Workload.Command> commands, int from, int to) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", servers);
        props.setProperty("acks", "all");
        props.setProperty("enable.idempotence", "true");
        props.setProperty("delivery.timeout.ms", "4000");
        props.setProperty("request.timeout.ms", "2000");
        props.setProperty("max.block.ms", "4000");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                Workload.Command command = commands.get(i);
                try {
                    producer.send(
                                    new ProducerRecord<>(
                                            Topics.DEFAULT_PREFIX + "commands",
                                            command.accountId().getBytes(StandardCharsets.UTF_8),
                                            command.json().getBytes(StandardCharsets.UTF_8)))
                            .get(10, TimeUnit.SECONDS);
                } catch (Exception brokerGone) {
                    // Resent after the restart, with the same command id: at most a duplicate,
                    // which the ledger must answer with the first outcome.
                    return i;
                }
            }
            return to;
        }
    }

    private static long latest(Path checkpoints) throws Exception {
        return Checkpoints.latest(checkpoints)
                .map(p -> Long.parseLong(p.getFileName().toString().substring(4)))
                .orElse(0L);
    }

    /** Kills the ledger a moment after sending resumed, so the kill lands in mid-stream. */
    private static final class KillDuringSend extends Thread {
        private final LedgerProcess ledger;

        KillDuringSend(LedgerProcess ledger) {
            this.ledger = ledger;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(Duration.ofMillis(300).toMillis());
                ledger.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
