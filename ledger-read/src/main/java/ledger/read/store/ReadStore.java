package ledger.read.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import ledger.domain.Money;
import ledger.read.view.AccountRow;
import ledger.read.view.StatementLine;

/**
 * The read store in PostgreSQL: current accounts, every account's statement, command outcomes, and
 * the log offsets they were projected up to, all in one schema and written in one transaction per
 * batch, so the projection is exactly-once.
 */
public final class ReadStore implements AutoCloseable {

    /** The schema the API reads; a rebuild fills another one and swaps it in. */
    public static final String LIVE_SCHEMA = "ledger_read";

    /** Instants beyond these are clamped: PostgreSQL's timestamps end, and no event is there. */
    private static final long EARLIEST = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();

    private static final long LATEST = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final HikariDataSource pool;
    private final String schema;

    private ReadStore(HikariDataSource pool, String schema) {
        this.pool = pool;
        this.schema = schema;
    }

    /** Connects to PostgreSQL; tables are created by {@link #migrate()}. */
    public static ReadStore connect(String jdbcUrl, String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("bad schema name " + schema);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(4);
        config.setPoolName("ledger-read-" + schema);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        // A batch of inserts goes as multi-row statements, not one round trip per row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // The store is a projection whose offsets commit in the same transaction as its rows: a
        // crash may lose the last commits, and the projector then reads those records again.
        // So a commit need not wait for the WAL to reach the disk.
        config.setConnectionInitSql("SET synchronous_commit = off");
        return new ReadStore(new HikariDataSource(config), schema);
    }

    public String schema() {
        return schema;
    }

    /** Creates the schema and tables when missing. */
    public void migrate() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            s.execute(
                    "CREATE TABLE IF NOT EXISTS "
                            + table("accounts")
                            + " ("
                            + "account_id text PRIMARY KEY, owner text NOT NULL,"
                            + " currency text NOT NULL, scale int NOT NULL,"
                            + " balance_minor bigint NOT NULL, sequence bigint NOT NULL,"
                            + " status text NOT NULL)");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS "
                            + table("statement")
                            + " ("
                            + "account_id text NOT NULL, sequence bigint NOT NULL,"
                            + " occurred_at timestamptz NOT NULL, type text NOT NULL,"
                            + " command_id text NOT NULL, balance_minor bigint NOT NULL,"
                            + " scale int NOT NULL, event text NOT NULL,"
                            + " amount_minor bigint, transfer_id text,"
                            + " PRIMARY KEY (account_id, sequence))");
            s.execute(
                    "CREATE INDEX IF NOT EXISTS statement_by_time ON "
                            + table("statement")
                            + " (account_id, occurred_at, sequence)");
            s.execute(
                    "CREATE INDEX IF NOT EXISTS statement_by_command ON "
                            + table("statement")
                            + " (command_id)");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS "
                            + table("outcomes")
                            + " ("
                            + "command_id text PRIMARY KEY, account_id text,"
                            + " outcome text NOT NULL)");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS "
                            + table("offsets")
                            + " ("
                            + "topic text NOT NULL, partition int NOT NULL,"
                            + " next_offset bigint NOT NULL, PRIMARY KEY (topic, partition))");
        }
    }

    /** Where in the log this store has projected up to. */
    public Map<LogPosition, Long> offsets() throws SQLException {
        try (Connection c = pool.getConnection()) {
            return offsets(c, false);
        }
    }

    /**
     * Applies one batch in one transaction, if the stored offsets are still {@code expected};
     * otherwise writes nothing and returns false (another writer, or a swap, moved them).
     */
    public boolean apply(
            Map<LogPosition, Long> expected,
            List<ProjectedEvent> events,
            List<ProjectedOutcome> outcomes,
            Map<LogPosition, Long> next)
            throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!offsets(c, true).equals(expected)) {
                    c.rollback();
                    return false;
                }
                writeEvents(c, events);
                writeOutcomes(c, outcomes);
                writeOffsets(c, next);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<AccountRow> account(String accountId) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return Optional.ofNullable(accounts(c, List.of(accountId)).get(accountId));
        }
    }

    /** Event JSON of one account from a sequence on, oldest first. */
    public List<String> events(String accountId, long fromSequence, int limit) throws SQLException {
        return strings(
                "SELECT event FROM "
                        + table("statement")
                        + " WHERE account_id = ? AND sequence >= ? ORDER BY sequence LIMIT ?",
                accountId,
                fromSequence,
                limit);
    }

    /** Event JSON of every event a command caused, in log order per account. */
    public List<String> eventsOfCommand(String commandId) throws SQLException {
        return strings(
                "SELECT event FROM "
                        + table("statement")
                        + " WHERE command_id = ? ORDER BY account_id, sequence",
                commandId);
    }

    /** The balance after the last event that occurred at or before the instant. */
    public Optional<BalanceAt> balanceAsOf(String accountId, long epochMillis) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement q =
                        c.prepareStatement(
                                "SELECT balance_minor, scale, sequence FROM "
                                        + table("statement")
                                        + " WHERE account_id = ? AND occurred_at <= ?"
                                        + " ORDER BY sequence DESC LIMIT 1")) {
            q.setString(1, accountId);
            q.setObject(2, utc(Math.max(EARLIEST, Math.min(LATEST, epochMillis))));
            try (ResultSet r = q.executeQuery()) {
                return r.next()
                        ? Optional.of(
                                new BalanceAt(new Money(r.getLong(1), r.getInt(2)), r.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    /** The first outcome recorded under a command id, as published. */
    public Optional<String> outcome(String commandId) throws SQLException {
        List<String> found =
                strings(
                        "SELECT outcome FROM " + table("outcomes") + " WHERE command_id = ?",
                        commandId);
        return found.stream().findFirst();
    }

    /** Every outcome recorded, as published, by command id: for checking a whole projection. */
    public List<String> outcomes() throws SQLException {
        return strings("SELECT outcome FROM " + table("outcomes") + " ORDER BY command_id");
    }

    /** Transfers debited and neither credited nor refunded yet, oldest first. */
    public List<String> transfersInFlight() throws SQLException {
        return strings(
                "SELECT d.event FROM "
                        + table("statement")
                        + " d"
                        + " WHERE d.type = 'TransferDebited' AND NOT EXISTS (SELECT 1 FROM "
                        + table("statement")
                        + " s WHERE s.transfer_id = d.transfer_id"
                        + " AND s.type IN ('TransferCredited', 'TransferRefunded'))"
                        + " ORDER BY d.occurred_at, d.account_id, d.sequence");
    }

    /**
     * Per currency, the sums that must agree: balances plus money in flight equals deposits minus
     * withdrawals.
     */
    public List<Totals> totals() throws SQLException {
        String sql =
                "SELECT a.currency, a.scale,"
                        + " (SELECT COALESCE(SUM(balance_minor), 0) FROM "
                        + table("accounts")
                        + "   WHERE currency = a.currency),"
                        + " COALESCE(SUM(s.amount_minor) FILTER (WHERE s.type = 'MoneyDeposited'), 0),"
                        + " COALESCE(SUM(s.amount_minor) FILTER (WHERE s.type = 'MoneyWithdrawn'), 0),"
                        + " COALESCE(SUM(s.amount_minor) FILTER (WHERE s.type = 'TransferDebited'"
                        + "   AND NOT EXISTS (SELECT 1 FROM "
                        + table("statement")
                        + " x"
                        + "   WHERE x.transfer_id = s.transfer_id"
                        + "   AND x.type IN ('TransferCredited', 'TransferRefunded'))), 0)"
                        + " FROM "
                        + table("accounts")
                        + " a LEFT JOIN "
                        + table("statement")
                        + " s ON s.account_id = a.account_id"
                        + " GROUP BY a.currency, a.scale ORDER BY a.currency";
        List<Totals> totals = new ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement q = c.prepareStatement(sql);
                ResultSet r = q.executeQuery()) {
            while (r.next()) {
                int scale = r.getInt(2);
                totals.add(
                        new Totals(
                                r.getString(1),
                                new Money(r.getLong(3), scale),
                                new Money(r.getLong(6), scale),
                                new Money(r.getLong(4), scale),
                                new Money(r.getLong(5), scale)));
            }
        }
        return totals;
    }

    /** Every row of every table, in a stable order: for comparing two projections. */
    public List<String> dump() throws SQLException {
        List<String> rows = new ArrayList<>();
        rows.addAll(strings("SELECT a::text FROM " + table("accounts") + " a ORDER BY account_id"));
        rows.addAll(
                strings(
                        "SELECT s::text FROM "
                                + table("statement")
                                + " s ORDER BY account_id, sequence"));
        rows.addAll(strings("SELECT o::text FROM " + table("outcomes") + " o ORDER BY command_id"));
        return rows;
    }

    /**
     * Makes this store's schema the live one in one transaction: the live projector's next batch
     * sees the new offsets and follows them. Readers never see a half-built store.
     */
    public void swapInto(String liveSchema) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            String retired = liveSchema + "_retired";
            s.execute("DROP SCHEMA IF EXISTS " + retired + " CASCADE");
            s.execute("LOCK TABLE " + liveSchema + ".offsets IN ACCESS EXCLUSIVE MODE");
            s.execute("ALTER SCHEMA " + liveSchema + " RENAME TO " + retired);
            s.execute("ALTER SCHEMA " + schema + " RENAME TO " + liveSchema);
            c.commit();
            s.execute("DROP SCHEMA " + retired + " CASCADE");
        }
    }

    /** Drops this store's schema and everything in it. */
    public void drop() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** True when the database answers. */
    public boolean isUp() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private void writeEvents(Connection c, List<ProjectedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Map<String, AccountRow> rows =
                accounts(c, events.stream().map(e -> e.event().accountId()).distinct().toList());
        Map<String, AccountRow> changed = new LinkedHashMap<>();
        try (PreparedStatement insert =
                c.prepareStatement(
                        "INSERT INTO "
                                + table("statement")
                                + " (account_id, sequence, occurred_at, type, command_id,"
                                + " balance_minor, scale, event, amount_minor, transfer_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")) {
            for (ProjectedEvent projected : events) {
                String accountId = projected.event().accountId();
                AccountRow before = rows.get(accountId);
                AccountRow after = AccountRow.evolve(before, projected.event());
                if (after == before) {
                    continue;
                }
                rows.put(accountId, after);
                changed.put(accountId, after);
                StatementLine line = StatementLine.of(projected.event(), after, projected.json());
                insert.setString(1, line.accountId());
                insert.setLong(2, line.sequence());
                insert.setObject(3, utc(line.occurredAt()));
                insert.setString(4, line.type());
                insert.setString(5, line.commandId());
                insert.setLong(6, line.balance().minor());
                insert.setInt(7, line.balance().scale());
                insert.setString(8, line.eventJson());
                insert.setObject(9, line.amount() == null ? null : line.amount().minor());
                insert.setString(10, line.transferId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement upsert =
                c.prepareStatement(
                        "INSERT INTO "
                                + table("accounts")
                                + " (account_id, owner, currency, scale, balance_minor, sequence,"
                                + " status) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (account_id) DO UPDATE SET"
                                + " balance_minor = EXCLUDED.balance_minor,"
                                + " sequence = EXCLUDED.sequence, status = EXCLUDED.status"
                                + " WHERE "
                                + table("accounts")
                                + ".sequence < EXCLUDED.sequence")) {
            for (AccountRow row : changed.values()) {
                upsert.setString(1, row.accountId());
                upsert.setString(2, row.owner());
                upsert.setString(3, row.currency());
                upsert.setInt(4, row.scale());
                upsert.setLong(5, row.balance());
                upsert.setLong(6, row.sequence());
                upsert.setString(7, row.status().name());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private void writeOutcomes(Connection c, List<ProjectedOutcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        // The first outcome recorded under an id is the answer; repeats are identical anyway.
        try (PreparedStatement insert =
                c.prepareStatement(
                        "INSERT INTO "
                                + table("outcomes")
                                + " (command_id, account_id, outcome) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")) {
            for (ProjectedOutcome outcome : outcomes) {
                insert.setString(1, outcome.commandId());
                insert.setString(2, outcome.accountId());
                insert.setString(3, outcome.json());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void writeOffsets(Connection c, Map<LogPosition, Long> next) throws SQLException {
        try (PreparedStatement upsert =
                c.prepareStatement(
                        "INSERT INTO "
                                + table("offsets")
                                + " (topic, partition, next_offset) VALUES (?, ?, ?)"
                                + " ON CONFLICT (topic, partition)"
                                + " DO UPDATE SET next_offset = EXCLUDED.next_offset")) {
            for (Map.Entry<LogPosition, Long> entry : next.entrySet()) {
                upsert.setString(1, entry.getKey().topic());
                upsert.setInt(2, entry.getKey().partition());
                upsert.setLong(3, entry.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private Map<LogPosition, Long> offsets(Connection c, boolean lock) throws SQLException {
        Map<LogPosition, Long> offsets = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT topic, partition, next_offset FROM "
                                        + table("offsets")
                                        + (lock ? " FOR UPDATE" : ""))) {
            while (r.next()) {
                offsets.put(new LogPosition(r.getString(1), r.getInt(2)), r.getLong(3));
            }
        }
        return offsets;
    }

    private Map<String, AccountRow> accounts(Connection c, List<String> ids) throws SQLException {
        Map<String, AccountRow> rows = new HashMap<>();
        try (PreparedStatement q =
                c.prepareStatement(
                        "SELECT account_id, owner, currency, scale, balance_minor, sequence, status"
                                + " FROM "
                                + table("accounts")
                                + " WHERE account_id = ANY (?)")) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    rows.put(
                            r.getString(1),
                            new AccountRow(
                                    r.getString(1),
                                    r.getString(2),
                                    r.getString(3),
                                    r.getInt(4),
                                    r.getLong(5),
                                    r.getLong(6),
                                    AccountRow.Status.valueOf(r.getString(7))));
                }
            }
        }
        return rows;
    }

    private List<String> strings(String sql, Object... parameters) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                q.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
            return values;
        }
    }

    private static OffsetDateTime utc(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    private String table(String name) {
        return schema + "." + name;
    }
}
