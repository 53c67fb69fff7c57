package ledger.app.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Latency at a paced rate: commands sent on a fixed schedule, each timed from the moment it was due
 * (so a sender that falls behind does not hide the wait) until its first outcome is visible to a
 * read_committed consumer.
 */
final class LatencyPhase {

    /** Below this share of the target rate, the ledger did not keep up. */
    private static final double KEEPING_UP = 0.8;

    private final Target target;
    private final BenchClients clients;
    private final Progress progress;
    private final Duration checkpointInterval;

    LatencyPhase(
            Target target, BenchClients clients, Progress progress, Duration checkpointInterval) {
        this.target = target;
        this.clients = clients;
        this.progress = progress;
        this.checkpointInterval = checkpointInterval;
    }

    Report.Latency run(
            Workload.Sequence sequence, String idPrefix, int rate, int commands, int distinct)
            throws Exception {
        String topic = target.topics().commands();
        long[] due = new long[distinct];
        long[] seen = new long[distinct];
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (OutcomeWatcher watcher =
                        new OutcomeWatcher(
                                clients,
                                target.topics().outcomes(),
                                idPrefix,
                                (index, nanos) -> seen[index] = nanos);
                KafkaProducer<byte[], byte[]> producer = clients.prompt()) {
            producer.partitionsFor(topic);
            progress.begin(String.format("latency at %,d/s", rate), distinct);
            double period = 1e9 / rate;
            long start = System.nanoTime();
            int fresh = 0;
            for (int i = 0; i < commands && failed.get() == null; i++) {
                long at = start + (long) (i * period);
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Workload.Command command = sequence.next();
                if (command.index() == fresh) {
                    due[fresh++] = at;
                }
                producer.send(
                        new ProducerRecord<>(topic, command.key(), command.value()),
                        (metadata, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
                if ((i & 63) == 0) {
                    progress.update(watcher.distinct());
                }
            }
            producer.flush();
            if (failed.get() != null) {
                throw new IllegalStateException(
                        "sending commands failed: " + failed.get().getMessage(), failed.get());
            }
            watcher.await(distinct, BacklogPhase.STALL, progress);
            Histogram micros = new Histogram(3);
            for (int i = 0; i < distinct; i++) {
                micros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(seen[i] - due[i])));
            }
            double achieved = achieved(due, seen, millis(micros, 50), rate, commands);
            Report.Latency latency =
                    new Report.Latency(
                            rate,
                            commands,
                            achieved,
                            achieved < KEEPING_UP * rate,
                            millis(micros, 50),
                            millis(micros, 99),
                            millis(micros, 99.9),
                            micros.getMaxValue() / 1e3,
                            millis(micros, 99) / checkpointInterval.toMillis());
            progress.end(
                    String.format(
                            "%,d commands, %,.0f/s achieved%s; p50 %.0f ms, p99 %.0f ms,"
                                    + " p99.9 %.0f ms",
                            commands,
                            achieved,
                            latency.saturated() ? " (saturated)" : "",
                            latency.p50Ms(),
                            latency.p99Ms(),
                            latency.p999Ms()));
            return latency;
        }
    }

    /**
     * Commands answered per second in steady state: those seen in a window as long as the phase,
     * shifted by the median latency. A ledger that keeps up answers them all; a saturated one only
     * as many as it can, however long the queue behind.
     */
    private static double achieved(long[] due, long[] seen, double p50Ms, int rate, int commands) {
        double length = (double) commands / rate;
        long from = due[0] + (long) (p50Ms * 1e6);
        long to = from + (long) (length * 1e9);
        long answered = 0;
        for (long at : seen) {
            answered += at >= from && at < to ? 1 : 0;
        }
        // Retries are not answered separately: scale distinct commands up to all that were sent.
        return answered * ((double) commands / seen.length) / length;
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1e3;
    }
}
