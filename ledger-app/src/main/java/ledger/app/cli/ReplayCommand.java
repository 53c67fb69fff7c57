package ledger.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import ledger.app.embedded.EmbeddedPostgresServer;
import ledger.read.projection.Projector;
import ledger.read.store.ReadStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ledger replay --projections}: re-derives the whole read store from the event log, from
 * offset 0, into fresh tables, and swaps them in while the API keeps serving the old ones.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Rebuild derived data from the event log.")
public final class ReplayCommand implements Callable<Integer> {

    /** The schema a rebuild fills before it is swapped in. */
    static final String REBUILD_SCHEMA = ReadStore.LIVE_SCHEMA + "_rebuild";

    @Spec CommandSpec spec;

    @Mixin KafkaOptions kafka;

    @Option(
            names = "--projections",
            description = "rebuild the read store (accounts, statements, outcomes)")
    boolean projections;

    @Option(
            names = "--jdbc-url",
            description = "the read store's PostgreSQL (default: the one `ledger up` runs)")
    String jdbcUrl = EmbeddedPostgresServer.jdbcUrl(54320);

    @Override
    public Integer call() throws Exception {
        if (!projections) {
            throw new ParameterException(spec.commandLine(), "say what to replay: --projections");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (var consumer = KafkaClients.consumer(kafka)) {
            KafkaClients.partitions(consumer, kafka, kafka.topics().events());
        }
        try (ReadStore rebuild = ReadStore.connect(jdbcUrl, REBUILD_SCHEMA)) {
            if (!rebuild.isUp()) {
                throw new ledger.app.UnreachableException("cannot reach PostgreSQL at " + jdbcUrl);
            }
            rebuild.drop();
            rebuild.migrate();
            Projector projector = new Projector(rebuild, kafka.topics(), kafka.clientProperties());
            long started = System.nanoTime();
            long[] lastReport = {started};
            projector.catchUp(
                    events -> {
                        long now = System.nanoTime();
                        if (now - lastReport[0] > 1_000_000_000L) {
                            lastReport[0] = now;
                            out.printf(
                                    "ledger: replayed %d events (%.0f events/s)%n",
                                    events, events / ((now - started) / 1e9));
                            out.flush();
                        }
                    });
            double seconds = (System.nanoTime() - started) / 1e9;
            rebuild.swapInto(ReadStore.LIVE_SCHEMA);
            out.printf(
                    "ledger: replayed %d events in %.1f s (%.0f events/s); the rebuilt read store is live%n",
                    projector.projected(),
                    seconds,
                    projector.projected() / Math.max(seconds, 1e-3));
        }
        return 0;
    }
}
