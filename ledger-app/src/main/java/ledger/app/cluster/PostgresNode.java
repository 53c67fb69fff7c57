package ledger.app.cluster;

import java.nio.file.Path;
import ledger.app.StopHook;
import ledger.app.embedded.EmbeddedPostgresServer;

/**
 * The read store's PostgreSQL of `ledger cluster` as its own process: {@code PostgresNode DIR
 * PORT}. Runs until SIGTERM, which stops the database server cleanly.
 */
public final class PostgresNode {

    private PostgresNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: PostgresNode DIR PORT");
            System.exit(2);
        }
        EmbeddedPostgresServer postgres =
                EmbeddedPostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("postgres up: " + postgres.jdbcUrl());
        StopHook.closeOnExit(postgres, "ledger-postgres-shutdown").await();
    }
}
