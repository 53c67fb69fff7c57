package ledger.app.bench;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;

/** The report as people read it: one row per figure, with its baseline and their ratio. */
final class ReportTable {

    private static final String ROW = "%-42s %-20s %-36s %s%n";

    private final Report report;
    private final PrintWriter out;

    private ReportTable(Report report, PrintWriter out) {
        this.report = report;
        this.out = out;
    }

    static void print(Report report, PrintWriter out) {
        ReportTable table = new ReportTable(report, out);
        table.header();
        table.throughput();
        table.latency();
        table.replay();
        table.baselines();
        table.resources();
        out.printf("%n%.0f s in all%n", report.run().seconds());
        out.flush();
    }

    private void header() {
        Report.Run run = report.run();
        out.printf(
                "ledger bench: %,d commands over %,d accounts (zipf %.2f; %s; %.0f%% to be"
                        + " rejected, %.0f%% retries)%n",
                run.commands(),
                run.accounts(),
                run.zipf(),
                run.mix(),
                100 * run.rejectionShare(),
                100 * run.duplicateShare());
        out.printf(
                "ledger: %s, %d partitions, parallelism %d, %s state, checkpoints every %,d ms;"
                        + " %.0f bytes per command%n%n",
                run.target(),
                run.partitions(),
                run.parallelism(),
                run.stateBackend(),
                run.checkpointIntervalMs(),
                run.recordBytes());
        out.printf(ROW, "FIGURE", "VALUE", "BASELINE", "RATIO");
    }

    private void throughput() {
        Report.Throughput throughput = report.throughput();
        Report.Baseline baseline = report.baseline();
        String copyLoop = rate("copy loop", baseline.copyRecordsPerSecond(), "records/s");
        row(
                "throughput: backlog to outcomes",
                rate("", throughput.commandsPerSecond(), "commands/s"),
                copyLoop,
                throughput.ratioToCopyLoop());
        if (throughput.readStoreCommandsPerSecond() != null) {
            row(
                    "  backlog to the read store",
                    rate("", throughput.readStoreCommandsPerSecond(), "commands/s"),
                    copyLoop,
                    throughput.readStoreCommandsPerSecond() / baseline.copyRecordsPerSecond());
        }
        out.printf(
                "  %,d commands sent in %.1f s, all answered after %.1f s, %.1f%% of them"
                        + " rejected%n",
                throughput.commands(),
                throughput.sendSeconds(),
                throughput.seconds(),
                100 * throughput.rejectedShare());
    }

    private void latency() {
        for (Report.Latency latency : report.latency()) {
            long interval = latency.checkpointIntervalMs();
            row(
                    String.format(
                            "latency p99 at %,d/s, checkpoint %s",
                            latency.targetRate(), duration(interval)),
                    millis(latency.all().p99Ms()),
                    String.format("checkpoint interval %,d ms", interval),
                    latency.p99ToCheckpointInterval());
            if (latency.single() != null) {
                row(
                        "  single-account commands",
                        millis(latency.single().p99Ms()),
                        String.format(
                                "target %,d ms", interval + LatencyPhase.TARGET_SLACK.toMillis()),
                        latency.singleP99ToTarget());
            }
            if (latency.transfers() != null) {
                row(
                        "  transfers (three commits)",
                        millis(latency.transfers().p99Ms()),
                        String.format("3 x interval %,d ms", 3 * interval),
                        latency.transfers().p99Ms() / (3.0 * interval));
            }
            out.printf(
                    "  all: p50 %,.0f ms, p99.9 %,.0f ms, max %,.0f ms; %,.0f/s achieved%s%n",
                    latency.all().p50Ms(),
                    latency.all().p999Ms(),
                    latency.all().maxMs(),
                    latency.achievedRate(),
                    latency.saturated() ? " (saturated)" : "");
        }
    }

    private static String millis(double ms) {
        return String.format("%,.0f ms", ms);
    }

    private static String duration(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private void replay() {
        Report.Replays replays = report.replay();
        String consumer =
                rate("consumer", report.baseline().consumerRecordsPerSecond(), "records/s");
        replay("replay: keyed state", replays.state(), consumer);
        replay("replay: projections", replays.projections(), consumer);
        out.printf("  %,d events in the log%n", replays.events());
    }

    private void replay(String figure, Report.Replay replay, String consumer) {
        if (replay == null) {
            row(figure, "skipped", "");
        } else {
            row(
                    figure,
                    rate("", replay.eventsPerSecond(), "events/s"),
                    consumer,
                    replay.ratioToConsumer());
        }
    }

    private void baselines() {
        Report.Baseline baseline = report.baseline();
        String size =
                String.format(
                        "%,d records of %.0f bytes", baseline.records(), baseline.recordBytes());
        row("baseline: producer", rate("", baseline.producerRecordsPerSecond(), "records/s"), size);
        row(
                "baseline: read_committed consumer",
                rate("", baseline.consumerRecordsPerSecond(), "records/s"),
                "");
        row(
                "baseline: transactional copy loop",
                rate("", baseline.copyRecordsPerSecond(), "records/s"),
                "");
    }

    private void resources() {
        Report.Resources resources = report.resources();
        row("heap after GC: accounts set up", mebibytes(resources.heapAfterSetupBytes()), "");
        row("heap after GC: backlog answered", mebibytes(resources.heapAfterBacklogBytes()), "");
        row("heap after GC: latency phases run", mebibytes(resources.heapAfterLatencyBytes()), "");
        row(
                "heap after GC: end, replays included",
                mebibytes(resources.heapUsedBytes()),
                "peak "
                        + mebibytes(resources.heapPeakBytes())
                        + " of "
                        + mebibytes(resources.heapMaxBytes()));
        row(
                "state: checkpoint directory",
                resources.checkpointBytes() == null
                        ? "not visible from here"
                        : mebibytes(resources.checkpointBytes()),
                "rebuilt savepoint " + mebibytes(resources.savepointBytes()));
    }

    private void row(String figure, String value, String baseline, double ratio) {
        out.printf(ROW, figure, value, baseline, ratio(ratio));
    }

    /** A figure without a ratio. */
    private void row(String figure, String value, String baseline) {
        out.printf(ROW, figure, value, baseline, "");
    }

    /** Two decimals, or two significant digits for a ratio far below one. */
    static String ratio(double ratio) {
        if (ratio >= 0.1 || ratio <= 0) {
            return String.format("%.2f", ratio);
        }
        return new BigDecimal(ratio).round(new MathContext(2)).toPlainString();
    }

    private static String rate(String label, double perSecond, String unit) {
        String rate = String.format("%,.0f %s", perSecond, unit);
        return label.isEmpty() ? rate : label + " " + rate;
    }

    private static String mebibytes(long bytes) {
        return String.format("%,.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
