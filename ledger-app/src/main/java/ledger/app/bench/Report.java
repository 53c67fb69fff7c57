package ledger.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The figures of one bench run, each beside the baseline it is compared with. Printed as a table by
 * {@link ReportTable} and written as JSON for scripts; a null is a figure the run could not take (a
 * ledger elsewhere has no checkpoint directory here).
 */
public record Report(
        Run run,
        Throughput throughput,
        List<Latency> latency,
        Replays replay,
        Baseline baseline,
        Resources resources) {

    /** What was measured, and how long the whole run took. */
    public record Run(
            String target,
            int commands,
            int distinctCommands,
            int accounts,
            double zipf,
            String mix,
            double rejectionShare,
            double duplicateShare,
            int partitions,
            int parallelism,
            String stateBackend,
            long checkpointIntervalMs,
            double recordBytes,
            double seconds) {}

    /**
     * The pre-loaded backlog: commands/s from the first send until every command's outcome was
     * visible to a read_committed consumer, against the transactional copy loop; how long sending
     * took (commands are made as they are sent); and the rate until the read store showed the whole
     * log.
     */
    public record Throughput(
            int commands,
            double seconds,
            double commandsPerSecond,
            double ratioToCopyLoop,
            double sendSeconds,
            double rejectedShare,
            Double readStoreCommandsPerSecond) {}

    /**
     * Produce-to-visible-outcome latency at one paced rate and checkpoint interval: of all
     * commands, and apart for single-account commands (one transaction to wait for) and transfers
     * (three: the debit, the credit and the settlement each commit before the next step is read).
     */
    public record Latency(
            int targetRate,
            long checkpointIntervalMs,
            int commands,
            double achievedRate,
            boolean saturated,
            Percentiles all,
            Percentiles single,
            Percentiles transfers,
            double p99ToCheckpointInterval,
            double singleP99ToTarget) {}

    /** Milliseconds; null when the phase had no command of the kind. */
    public record Percentiles(
            long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {}

    /** Rebuilds from the whole log: events in it, and each rebuild's rate. */
    public record Replays(long events, Replay state, Replay projections) {}

    /** One rebuild: events/s against the plain read_committed consumer's records/s. */
    public record Replay(double seconds, double eventsPerSecond, double ratioToConsumer) {}

    /** The log's physical limits on the same broker, for records of the commands' size. */
    public record Baseline(
            int records,
            double recordBytes,
            double producerRecordsPerSecond,
            double consumerRecordsPerSecond,
            double copyRecordsPerSecond) {}

    /**
     * This JVM's heap after a full collection once the accounts exist, after the backlog, after the
     * latency phases (flat if state grows with accounts, not events) and at the end, after the
     * replays ran in this JVM; and the job's state on disk.
     */
    public record Resources(
            long heapAfterSetupBytes,
            long heapAfterBacklogBytes,
            long heapAfterLatencyBytes,
            long heapUsedBytes,
            long heapPeakBytes,
            long heapMaxBytes,
            Long checkpointBytes,
            Long savepointBytes) {}

    /** Prints the table to {@code out}. */
    public void print(PrintWriter out) {
        ReportTable.print(this, out);
    }

    public void writeJson(Path file) throws IOException {
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    }
}
