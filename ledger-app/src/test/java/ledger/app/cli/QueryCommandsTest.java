package ledger.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ledger.app.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ledger balance} and {@code ledger history} against a stand-in for the HTTP API (the JDK's
 * own server answering canned JSON): output, paging, exit codes and one-line failures.
 */
class QueryCommandsTest {

    private static final String NOWHERE = "http://127.0.0.1:1";

    private static final String E1 =
            "{\"eventId\":\"e1\",\"accountId\":\"alice\",\"sequence\":1,\"type\":\"AccountOpened\","
                    + "\"schemaVersion\":1,\"commandId\":\"c-1\",\"occurredAt\":\"2026-12-04T10:00:00.000Z\","
                    + "\"data\":{\"owner\":\"Alice\",\"currency\":\"EUR\"}}";
    private static final String E2 =
            "{\"eventId\":\"e2\",\"accountId\":\"alice\",\"sequence\":2,\"type\":\"MoneyDeposited\","
                    + "\"schemaVersion\":1,\"commandId\":\"c-2\",\"occurredAt\":\"2026-12-04T10:00:01.500Z\","
                    + "\"data\":{\"amount\":\"100.50\",\"balance\":\"100.50\"}}";
    private static final String E3 =
            "{\"eventId\":\"e3\",\"accountId\":\"alice\",\"sequence\":3,\"type\":\"MoneyWithdrawn\","
                    + "\"schemaVersion\":1,\"commandId\":\"c-3\",\"occurredAt\":\"2026-12-04T10:00:02.000Z\","
                    + "\"data\":{\"amount\":\"0.50\",\"balance\":\"100.00\"}}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> asked = new ArrayList<>();
    private HttpServer server;
    private String api;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String asked = exchange.getRequestURI().toString();
                    synchronized (this.asked) {
                        this.asked.add(asked);
                    }
                    String answer = answers.get(asked);
                    int status = answer == null ? 404 : Integer.parseInt(answer.substring(0, 3));
                    byte[] body =
                            (answer == null
                                            ? "{\"error\":\"account not found\",\"reason\":\"ACCOUNT_NOT_FOUND\"}"
                                            : answer.substring(4))
                                    .getBytes(UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        api = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void answer(String path, int status, String body) {
        answers.put(path, status + " " + body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"balance", "history"})
    void help_prints_usage_and_exits_zero(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: ledger " + command, "--api", "--account", "--json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"balance", "history"})
    void an_unreachable_api_exits_3_with_one_line(String command) {
        int code =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(15),
                        () -> run(command, "--account", "alice", "--api", NOWHERE));

        assertThat(code).isEqualTo(Main.UNREACHABLE);
        assertThat(err.toString())
                .isEqualTo(
                        "ledger: cannot reach the ledger API at "
                                + NOWHERE
                                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void a_bad_as_of_is_a_usage_error() {
        assertThat(run("balance", "--account", "alice", "--as-of", "yesterday", "--api", NOWHERE))
                .isEqualTo(Main.USAGE);
        assertThat(err.toString())
                .contains("'yesterday' is not an ISO-8601 instant")
                .hasLineCount(1);
    }

    @Test
    void a_bad_api_url_is_a_usage_error() {
        assertThat(run("balance", "--account", "alice", "--api", "localhost:8080"))
                .isEqualTo(Main.USAGE);
        assertThat(err.toString()).startsWith("ledger: --api must be an http:// or https:// URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"balance", "history"})
    void an_unknown_account_exits_1_with_one_line(String command) {
        assertThat(run(command, "--account", "zed", "--api", api)).isEqualTo(Main.REJECTED);
        assertThat(err.toString())
                .isEqualTo("ledger: account zed not found" + System.lineSeparator());
    }

    @Test
    void balance_prints_the_current_balance() {
        answer("/accounts/alice", 200, account());

        assertThat(run("balance", "--account", "alice", "--api", api)).isZero();
        assertThat(out.toString()).isEqualTo("alice 100.00 EUR (sequence 3, OPEN)\n");
    }

    @Test
    void balance_as_of_asks_for_the_instant_and_prints_it() {
        answer("/accounts/alice", 200, account());
        answer(
                "/accounts/alice/balance?asOf=2026-12-04T10%3A00%3A01Z",
                200,
                "{\"accountId\":\"alice\",\"asOf\":\"2026-12-04T10:00:01Z\",\"balance\":\"0.00\",\"sequence\":1}");

        int code =
                run(
                        "balance",
                        "--account",
                        "alice",
                        "--as-of",
                        "2026-12-04T10:00:01Z",
                        "--api",
                        api);

        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString())
                .isEqualTo("alice 0.00 EUR as of 2026-12-04T10:00:01Z (sequence 1)\n");
    }

    @Test
    void balance_before_the_account_was_opened_exits_1() {
        answer("/accounts/alice", 200, account());

        int code =
                run(
                        "balance",
                        "--account",
                        "alice",
                        "--as-of",
                        "2020-01-01T00:00:00Z",
                        "--api",
                        api);

        assertThat(code).isEqualTo(Main.REJECTED);
        assertThat(err.toString())
                .isEqualTo("ledger: account alice had not been opened at 2020-01-01T00:00:00Z\n");
    }

    @Test
    void balance_json_prints_the_api_answer() {
        answer("/accounts/alice", 200, account());

        assertThat(run("balance", "--account", "alice", "--json", "--api", api)).isZero();
        assertThat(out.toString()).isEqualTo(account() + "\n");
    }

    @Test
    void history_pages_through_every_event_and_prints_a_table() {
        answer("/accounts/alice/events?fromSequence=1&limit=1000", 200, page(3L, E1, E2));
        answer("/accounts/alice/events?fromSequence=3&limit=1000", 200, page(null, E3));

        assertThat(run("history", "--account", "alice", "--api", api)).isZero();
        assertThat(out.toString())
                .isEqualTo(
                        String.join(
                                "\n",
                                "SEQUENCE  OCCURRED AT               TYPE            AMOUNT  BALANCE  COMMAND",
                                "       1  2026-12-04T10:00:00.000Z  AccountOpened        -     0.00  c-1",
                                "       2  2026-12-04T10:00:01.500Z  MoneyDeposited  100.50   100.50  c-2",
                                "       3  2026-12-04T10:00:02.000Z  MoneyWithdrawn    0.50   100.00  c-3",
                                ""));
    }

    @Test
    void history_json_prints_each_event_as_the_log_holds_it() {
        answer("/accounts/alice/events?fromSequence=1&limit=1000", 200, page(null, E1, E2, E3));

        assertThat(run("history", "--account", "alice", "--json", "--api", api)).isZero();
        assertThat(out.toString()).isEqualTo(E1 + "\n" + E2 + "\n" + E3 + "\n");
    }

    @Test
    void history_limit_asks_for_no_more_than_it_shows() {
        answer("/accounts/alice/events?fromSequence=1&limit=2", 200, page(3L, E1, E2));

        assertThat(run("history", "--account", "alice", "--limit", "2", "--json", "--api", api))
                .isZero();
        assertThat(out.toString()).isEqualTo(E1 + "\n" + E2 + "\n");
        assertThat(asked).containsExactly("/accounts/alice/events?fromSequence=1&limit=2");
    }

    @Test
    void history_limit_below_one_is_a_usage_error() {
        assertThat(run("history", "--account", "alice", "--limit", "0", "--api", NOWHERE))
                .isEqualTo(Main.USAGE);
        assertThat(err.toString()).isEqualTo("ledger: --limit must be at least 1\n");
    }

    @Test
    void the_table_carries_the_balance_over_events_without_one() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events =
                List.of(
                        mapper.readTree(E1.replace("EUR", "JPY")),
                        mapper.readTree(
                                "{\"sequence\":2,\"type\":\"AccountClosed\",\"commandId\":\"c-9\","
                                        + "\"occurredAt\":\"2026-12-04T10:00:00.000Z\",\"data\":{}}"));

        assertThat(HistoryTable.lines(events))
                .containsExactly(
                        "SEQUENCE  OCCURRED AT               TYPE           AMOUNT  BALANCE  COMMAND",
                        "       1  2026-12-04T10:00:00.000Z  AccountOpened       -        0  c-1",
                        "       2  2026-12-04T10:00:00.000Z  AccountClosed       -        0  c-9");
    }

    @Test
    void an_empty_history_is_just_the_header() {
        assertThat(HistoryTable.lines(List.of()))
                .containsExactly("SEQUENCE  OCCURRED AT  TYPE  AMOUNT  BALANCE  COMMAND");
    }

    private static String account() {
        return "{\"accountId\":\"alice\",\"owner\":\"Alice\",\"currency\":\"EUR\",\"balance\":\"100.00\","
                + "\"sequence\":3,\"status\":\"OPEN\"}";
    }

    private static String page(Long next, String... events) {
        return "{\"accountId\":\"alice\",\"events\":["
                + String.join(",", events)
                + "],\"nextFromSequence\":"
                + next
                + "}";
    }
}
