package ledger.app.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ledger.job.rebuild.StateRebuild;
import ledger.read.projection.Projector;
import ledger.read.store.ReadStore;

/**
 * Replay: how fast the whole log rebuilds the job's keyed state (the State Processor API batch job
 * `ledger up --rebuild-state` runs) and the projections (what `ledger replay --projections` does,
 * into a scratch schema dropped afterwards).
 */
final class ReplayPhase {

    /** The scratch schema of the projection rebuild. */
    static final String SCHEMA = "ledger_bench_replay";

    /** A rebuild that takes longer has hung rather than being slow. */
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final Target target;
    private final BenchClients clients;
    private final Progress progress;

    ReplayPhase(Target target, BenchClients clients, Progress progress) {
        this.target = target;
        this.clients = clients;
        this.progress = progress;
    }

    /** The events in the log, counted as a read_committed consumer sees them. */
    long countEvents() {
        progress.begin("replay: counting events", 0);
        long events = clients.readToEnd(target.topics().events(), progress::update).records();
        progress.end(String.format("%,d events in the log", events));
        return events;
    }

    /** Rebuilds the projections into a scratch schema; null when no read store is reachable. */
    Report.Replay projections(long events, double consumerRate) throws Exception {
        if (target.jdbcUrl().isEmpty()) {
            progress.note("projection replay skipped: no --jdbc-url for the read store");
            return null;
        }
        try (ReadStore store = ReadStore.connect(target.jdbcUrl().get(), SCHEMA)) {
            if (!store.isUp()) {
                progress.note("projection replay skipped: cannot reach " + target.jdbcUrl().get());
                return null;
            }
            store.drop();
            store.migrate();
            Projector projector = new Projector(store, target.topics(), target.kafka());
            progress.begin("replay: projections", events);
            long start = System.nanoTime();
            projector.catchUp(progress::update);
            Report.Replay replay = replay(projector.projected(), start, consumerRate);
            store.drop();
            return replay;
        }
    }

    /** Rebuilds the keyed state into a savepoint under {@code savepoint}. */
    Report.Replay state(BenchPlan plan, Path savepoint, long events, double consumerRate)
            throws Exception {
        progress.begin("replay: keyed state", 0);
        long start = System.nanoTime();
        FutureTask<Void> rebuild =
                new FutureTask<>(
                        () -> {
                            StateRebuild.run(target.jobConfig(plan), savepoint.toUri().toString());
                            return null;
                        });
        Thread runner = new Thread(rebuild, "bench-state-rebuild");
        runner.setDaemon(true);
        runner.start();
        long deadline = start + TIMEOUT.toNanos();
        while (true) {
            try {
                rebuild.get(500, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException tick) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the state rebuild did not finish in "
                                    + TIMEOUT.toMinutes()
                                    + " minutes");
                }
                progress.update(0);
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "the state rebuild failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return replay(events, start, consumerRate);
    }

    private Report.Replay replay(long events, long start, double consumerRate) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = events / Math.max(seconds, 1e-3);
        progress.end(String.format("%,d events in %.1f s, %,.0f events/s", events, seconds, rate));
        return new Report.Replay(seconds, rate, rate / consumerRate);
    }
}
