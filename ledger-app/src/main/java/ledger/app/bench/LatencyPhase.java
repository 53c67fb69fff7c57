package ledger.app.bench;

import java.time.Duration;
import java.util.Arrays;
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

    /** What a single-account command's p99 should stay within, beyond the checkpoint interval. */
    static final Duration TARGET_SLACK = Duration.ofMillis(100);

    private final Target target;
    private final BenchClients clients;
    private final Progress progress;

    LatencyPhase(Target target, BenchClients clients, Progress progress) {
        this.target = target;
        this.clients = clients;
        this.progress = progress;
    }

    Report.Latency run(
            Workload.Sequence sequence,
            String idPrefix,
            int rate,
            int commands,
            int distinct,
            Duration checkpointInterval)
            throws Exception {
        String topic = target.topics().commands();
        long[] due = new long[distinct];
        long[] seen = new long[distinct];
        boolean[] transfer = new boolean[distinct];
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (OutcomeWatcher watcher =
                        new OutcomeWatcher(
                                clients,
                                target.topics().outcomes(),
                                idPrefix,
                                (index, nanos) -> seen[index] = nanos);
                KafkaProducer<byte[], byte[]> producer = clients.prompt()) {
            producer.partitionsFor(topic);
            progress.begin(
                    String.format(
                            "latency at %,d/s, checkpoints every %,d ms",
                            rate, checkpointInterval.toMillis()),
                    distinct);
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
                    transfer[fresh] = command.transfer();
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
            Histogram all = new Histogram(3);
            Histogram single = new Histogram(3);
            Histogram transfers = new Histogram(3);
            for (int i = 0; i < distinct; i++) {
                long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(seen[i] - due[i]));
                all.recordValue(micros);
                (transfer[i] ? transfers : single).recordValue(micros);
            }
            Report.Percentiles overall = percentiles(all);
            Report.Percentiles singles = percentiles(single);
            double achieved = achieved(due, seen, overall.p50Ms(), rate, commands);
            long interval = checkpointInterval.toMillis();
            Report.Latency latency =
                    new Report.Latency(
                            rate,
                            interval,
                            commands,
                            achieved,
                            queueGrew(due, seen, checkpointInterval),
                            overall,
                            singles,
                            percentiles(transfers),
                            overall.p99Ms() / interval,
                            singles == null
                                    ? 0
                                    : singles.p99Ms() / (interval + TARGET_SLACK.toMillis()));
            progress.end(
                    String.format(
                            "%,d commands, %,.0f/s achieved%s; p99 %,.0f ms (single-account"
                                    + " %,.0f ms, transfers %,.0f ms)",
                            commands,
                            achieved,
                            latency.saturated() ? " (saturated)" : "",
                            overall.p99Ms(),
                            singles == null ? 0 : singles.p99Ms(),
                            latency.transfers() == null ? 0 : latency.transfers().p99Ms()));
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

    /**
     * Saturated: a queue built up, the wait of the phase's last quarter of commands exceeding that
     * of its first quarter by more than a checkpoint interval. (A rate answered is no test: with
     * long intervals the outcomes come in bursts an interval apart.)
     */
    private static boolean queueGrew(long[] due, long[] seen, Duration checkpointInterval) {
        int quarter = due.length / 4;
        if (quarter == 0) {
            return false;
        }
        long first = medianWait(due, seen, 0, quarter);
        long last = medianWait(due, seen, due.length - quarter, due.length);
        return last - first > checkpointInterval.toNanos();
    }

    private static long medianWait(long[] due, long[] seen, int from, int to) {
        long[] waits = new long[to - from];
        for (int i = from; i < to; i++) {
            waits[i - from] = seen[i] - due[i];
        }
        Arrays.sort(waits);
        return waits[waits.length / 2];
    }

    private static Report.Percentiles percentiles(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return null;
        }
        return new Report.Percentiles(
                micros.getTotalCount(),
                millis(micros, 50),
                millis(micros, 99),
                millis(micros, 99.9),
                micros.getMaxValue() / 1e3);
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1e3;
    }
}
