package ledger.app.embedded;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import ledger.codec.Topics;
import ledger.read.http.CommandGateway;
import ledger.read.http.Health;
import ledger.read.http.LedgerApi;
import ledger.read.projection.Projector;
import ledger.read.store.ReadStore;

/**
 * The read side of a running ledger: the PostgreSQL read store, the projector that keeps it
 * current, and the HTTP API in front of both.
 */
public final class ReadSide implements AutoCloseable {

    /** How long a POST waits for its command's outcome before answering 202. */
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(5);

    private final ReadStore store;
    private final Projector projector;
    private final Thread projection;
    private final CommandGateway gateway;
    private final LedgerApi api;
    private final int port;

    private ReadSide(
            ReadStore store,
            Projector projector,
            Thread projection,
            CommandGateway gateway,
            LedgerApi api,
            int port) {
        this.store = store;
        this.projector = projector;
        this.projection = projection;
        this.gateway = gateway;
        this.api = api;
        this.port = port;
    }

    /** Starts projecting and serving; {@code jobStatus} names the Flink job's state. */
    public static ReadSide start(
            String jdbcUrl,
            Properties kafka,
            Topics topics,
            String host,
            int httpPort,
            Supplier<String> jobStatus)
            throws Exception {
        ReadStore store = ReadStore.connect(jdbcUrl, ReadStore.LIVE_SCHEMA);
        store.migrate();
        Projector projector = new Projector(store, topics, kafka);
        projector.registerMBean();
        Thread projection = new Thread(projector, "ledger-projection");
        projection.setDaemon(true);
        projection.start();
        CommandGateway gateway = new CommandGateway(kafka, topics);
        Supplier<Health> health = () -> health(jobStatus.get(), projector, store);
        LedgerApi api = new LedgerApi(store, gateway, health, COMMAND_WAIT);
        int port = api.start(host, httpPort);
        return new ReadSide(store, projector, projection, gateway, api, port);
    }

    /** Up when the job runs and the read store answers; details for `/health`. */
    static Health health(String jobStatus, Projector projector, ReadStore store) {
        boolean storeUp = store.isUp();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("job", jobStatus);
        details.put("readStore", storeUp ? "UP" : "DOWN");
        details.put("projectionLag", projector.lag());
        details.put("transfersInFlight", transfersInFlight(store));
        return new Health("RUNNING".equals(jobStatus) && storeUp, details);
    }

    private static Object transfersInFlight(ReadStore store) {
        try {
            return store.transfersInFlight().size();
        } catch (java.sql.SQLException e) {
            return "unknown";
        }
    }

    public int port() {
        return port;
    }

    public Projector projector() {
        return projector;
    }

    public ReadStore store() {
        return store;
    }

    @Override
    public void close() throws Exception {
        api.close();
        gateway.close();
        projector.close();
        projection.join(10_000);
        store.close();
    }
}
