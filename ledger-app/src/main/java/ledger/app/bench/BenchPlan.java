package ledger.app.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one bench run does: the workload, the paced rates, and the ledger it measures (one started
 * here when {@code bootstrapServers} is null, else the one running there).
 *
 * @param latencyIntervals further checkpoint intervals at which an embedded ledger is restarted to
 *     measure the latency at half of its peak once more
 * @param rates commands per second of the latency phases; empty for fractions of the measured
 *     backlog throughput up to saturation
 * @param dataDir where an embedded ledger keeps its data; null for a temporary directory
 * @param jdbcUrl the read store's PostgreSQL of a ledger at {@code bootstrapServers}, for the
 *     projection replay; null to skip it there
 */
public record BenchPlan(
        int commands,
        int accounts,
        double zipf,
        Mix mix,
        double rejectionShare,
        double duplicateShare,
        List<Integer> rates,
        Duration latencyPhase,
        Duration checkpointInterval,
        List<Duration> latencyIntervals,
        int partitions,
        int parallelism,
        String stateBackend,
        String bootstrapServers,
        String topicPrefix,
        Map<String, String> kafkaProperties,
        String jdbcUrl,
        Path dataDir,
        long seed) {

    /** Fractions of the backlog throughput that the latency phases run at when no rate is given. */
    static final List<Double> AUTO_RATES = List.of(0.25, 0.5, 0.75, 1.0);

    public BenchPlan {
        require(commands >= 1, "--commands must be at least 1");
        require(accounts >= 2, "--accounts must be at least 2: transfers need two");
        require(zipf >= 0, "--zipf must be zero (uniform) or more");
        require(share(rejectionShare), "--rejection-share must be from 0 to 0.9");
        require(share(duplicateShare), "--duplicate-share must be from 0 to 0.9");
        require(rates.stream().allMatch(r -> r > 0), "--rates must be above zero");
        require(!latencyPhase.isNegative() && !latencyPhase.isZero(), "--latency-seconds > 0");
        require(partitions >= 1 && parallelism >= 1, "--partitions and --parallelism >= 1");
        require(
                latencyIntervals.stream().allMatch(i -> i.toMillis() >= 10),
                "--latency-intervals must be 10ms or longer");
        rates = List.copyOf(rates);
        latencyIntervals = List.copyOf(latencyIntervals);
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /**
     * At most how many commands the run sends: the backlog and the latency phases, those at an
     * automatic rate counted as if the ledger took 100,000 commands/s.
     */
    public long plannedCommands() {
        long perSecond =
                rates.isEmpty()
                        ? AUTO_RATES.size() * 100_000L
                        : rates.stream().mapToLong(Integer::longValue).sum();
        return commands + perSecond * Math.max(1, latencyPhase.toSeconds());
    }

    /** Whether the bench starts its own ledger rather than measuring a running one. */
    public boolean embedded() {
        return bootstrapServers == null;
    }

    private static boolean share(double share) {
        return share >= 0 && share <= 0.9;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
