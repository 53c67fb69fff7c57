package ledger.app.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server (binaries from a Maven artifact) for the read store, its data kept under
 * a directory across restarts. Loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        stopOrphan(dataDir);
        Ports.requireFree(port, "PostgreSQL", "--postgres-port");
        EmbeddedPostgres postgres =
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "40")
                        .setServerConfig("shared_buffers", "64MB")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
        return new EmbeddedPostgresServer(postgres);
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    /** The JDBC URL `ledger up`'s PostgreSQL answers on. */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * After a kill -9 of `ledger up`, its PostgreSQL (a child process) lives on and holds the data
     * directory: stop it cleanly before starting a new one.
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan =
                lines.isEmpty()
                        ? Optional.empty()
                        : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
        orphan.filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").contains("postgres"))
                .ifPresent(
                        process -> {
                            process.destroy();
                            process.onExit()
                                    .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                                    .join();
                        });
    }
}
