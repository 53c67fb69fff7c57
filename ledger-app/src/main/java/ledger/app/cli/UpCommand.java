package ledger.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import ledger.app.StopHook;
import ledger.app.embedded.EmbeddedLedger;
import ledger.app.embedded.EmbeddedLedger.Settings;
import ledger.codec.Topics;
import org.apache.flink.util.TimeUtils;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger up}: the whole ledger on this machine, until Ctrl-C. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole ledger on this machine.",
            "A Kafka broker, the ledger's topics, the Flink job, PostgreSQL and the HTTP API, with all"
                    + " data under --data-dir. Started again, it resumes where it stopped."
        })
public final class UpCommand implements Callable<Integer> {

    @Option(
            names = "--data-dir",
            defaultValue = "ledger-data",
            description =
                    "where Kafka's log, checkpoints and logs live (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Kafka listener port (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(
            names = "--controller-port",
            defaultValue = "9093",
            description = "Kafka controller port (default: ${DEFAULT-VALUE})")
    int controllerPort;

    @Option(
            names = "--web-ui-port",
            defaultValue = "8081",
            description = "Flink web UI port (default: ${DEFAULT-VALUE})")
    int webUiPort;

    @Option(
            names = "--http-port",
            defaultValue = "8080",
            description = "HTTP API port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(
            names = "--postgres-port",
            defaultValue = "54320",
            description = "port of the embedded PostgreSQL read store (default: ${DEFAULT-VALUE})")
    int postgresPort;

    @Option(
            names = "--jdbc-url",
            description = "use this PostgreSQL for the read store instead of starting one")
    String jdbcUrl;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "job parallelism (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
            names = "--partitions",
            defaultValue = "4",
            description = "partitions of created topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--topic-prefix",
            defaultValue = Topics.DEFAULT_PREFIX,
            description = "prefix of topic names (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "1s",
            description = "checkpoint interval (default: ${DEFAULT-VALUE})")
    String checkpointInterval;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            description = "rocksdb or hashmap (default: ${DEFAULT-VALUE})")
    String stateBackend;

    @Option(
            names = "--dedup-window",
            defaultValue = "7d",
            description = "how long command ids are remembered (default: ${DEFAULT-VALUE})")
    String dedupWindow;

    @Option(
            names = "--rebuild-state",
            description =
                    "rebuild the job's state from the event log instead of the newest checkpoint")
    boolean rebuildState;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        logTo(dir.resolve("logs").resolve("ledger.log"));
        Settings settings =
                new Settings(
                        dir,
                        kafkaPort,
                        controllerPort,
                        webUiPort,
                        postgresPort,
                        httpPort,
                        jdbcUrl,
                        parallelism,
                        partitions,
                        topicPrefix,
                        duration("--checkpoint-interval", checkpointInterval),
                        stateBackend,
                        duration("--dedup-window", dedupWindow),
                        rebuildState);
        EmbeddedLedger ledger = EmbeddedLedger.start(settings);
        CountDownLatch stopped = StopHook.closeOnExit(ledger, "ledger-shutdown");
        System.out.println("ledger: Kafka on " + ledger.bootstrapServers() + ", data in " + dir);
        System.out.println(
                "ledger: job "
                        + ledger.resumedFrom()
                                .map(p -> "resumed from " + p)
                                .orElse("started fresh"));
        System.out.println("ledger: Flink web UI on http://127.0.0.1:" + webUiPort);
        System.out.println(
                "ledger: HTTP API on " + ledger.apiUrl() + ", read store " + ledger.jdbcUrl());
        System.out.printf(
                "ledger: up in %.1f s; logs in %s; Ctrl-C to stop%n",
                (System.nanoTime() - started) / 1e9, dir.resolve("logs"));
        ledger.job().getJobExecutionResult().handle((result, failure) -> null).get();
        stopped.await();
        return 0;
    }

    private static Duration duration(String option, String text) {
        try {
            return TimeUtils.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    option + " takes a duration such as 1s or 7d, not " + text);
        }
    }

    /** Library logs go to a file under the data directory; the terminal gets our lines only. */
    private static void logTo(Path file) {
        System.setProperty("ledger.log.file", file.toString());
        ((LoggerContext) LogManager.getContext(false)).reconfigure();
    }
}
