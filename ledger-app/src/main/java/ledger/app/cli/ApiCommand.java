package ledger.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import ledger.app.StopHook;
import ledger.app.cluster.FlinkRest;
import ledger.app.embedded.ReadSide;
import ledger.job.LedgerJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ledger api}: the read side on its own, against a ledger job running on a Flink cluster:
 * the projector from the event log into PostgreSQL and the HTTP API, until SIGTERM.
 */
@Command(
        name = "api",
        mixinStandardHelpOptions = true,
        description = {
            "Run the projections and the HTTP API against a ledger on a cluster.",
            "Kafka from --bootstrap-servers, the read store in the PostgreSQL of --jdbc-url."
        })
public final class ApiCommand implements Callable<Integer> {

    @Mixin KafkaOptions kafka;

    @Option(
            names = "--jdbc-url",
            required = true,
            description = "the read store's PostgreSQL, e.g. jdbc:postgresql://host:5432/db?user=u")
    String jdbcUrl;

    @Option(
            names = "--http-port",
            defaultValue = "8080",
            description = "HTTP API port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "address the HTTP API listens on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--flink-rest",
            defaultValue = "http://127.0.0.1:8081",
            description =
                    "Flink's REST API, for the job's status in /health (default: ${DEFAULT-VALUE})")
    String flinkRest;

    @Override
    public Integer call() throws Exception {
        FlinkRest flink = new FlinkRest(flinkRest);
        Supplier<String> jobStatus =
                () -> {
                    try {
                        return flink.activeJob(LedgerJob.NAME)
                                .map(job -> job.path("state").asText())
                                .orElse("NOT_RUNNING");
                    } catch (Exception e) {
                        return "UNKNOWN";
                    }
                };
        ReadSide readSide =
                ReadSide.start(
                        jdbcUrl,
                        kafka.clientProperties(),
                        kafka.topics(),
                        host,
                        httpPort,
                        jobStatus);
        CountDownLatch stopped = StopHook.closeOnExit(readSide, "ledger-api-shutdown");
        System.out.println(
                "ledger: HTTP API on http://"
                        + host
                        + ":"
                        + readSide.port()
                        + ", read store "
                        + jdbcUrl
                        + ", Kafka "
                        + kafka.bootstrapServers());
        stopped.await();
        return 0;
    }
}
