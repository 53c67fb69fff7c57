package ledger.read.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import ledger.read.store.ReadStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API's answers that need neither Kafka nor the read store: errors decided before any command,
 * outcomes mapped to statuses, 202 when the outcome is late. A fake sender stands in for Kafka.
 */
class LedgerApiTest {

    private static final String INSUFFICIENT =
            "{\"commandId\":\"c-1\",\"accountId\":\"alice\",\"status\":\"REJECTED\","
                    + "\"reason\":\"INSUFFICIENT_FUNDS\",\"message\":\"balance 1.00 is less than 5.00\"}";

    private final List<String> sent = new ArrayList<>();
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile String reply;
    private volatile boolean kafkaDown;
    private ReadStore store;
    private LedgerApi api;
    private String base;

    @BeforeEach
    void start() {
        // Nothing listens on port 1; these tests never reach the store.
        store = ReadStore.connect("jdbc:postgresql://127.0.0.1:1/none", ReadStore.LIVE_SCHEMA);
        CommandRoutes.Sender sender =
                (accountId, commandId, command, wait) -> {
                    if (kafkaDown) {
                        throw new CommandNotSentException("broker gone", null);
                    }
                    sent.add(accountId + " " + new String(command, UTF_8));
                    return Optional.ofNullable(reply);
                };
        api =
                new LedgerApi(
                        store,
                        sender,
                        () -> new Health(up.get(), Map.of("projectionLag", 0)),
                        Duration.ofMillis(100));
        base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
        store.close();
    }

    @Test
    void an_unknown_path_is_404_NOT_FOUND_in_json() throws Exception {
        HttpResponse<String> response = get("/nowhere");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body())
                .isEqualTo("{\"error\":\"no such path: GET /nowhere\",\"reason\":\"NOT_FOUND\"}");
    }

    @Test
    void a_known_path_with_another_method_is_405_in_json() throws Exception {
        HttpResponse<String> response = get("/transfers");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("\"reason\":\"METHOD_NOT_ALLOWED\"");
    }

    @Test
    void malformed_json_is_400_INVALID_COMMAND_and_sends_nothing() throws Exception {
        HttpResponse<String> response = post("/accounts/alice/deposits", "{\"amount\":", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo(
                        "{\"error\":\"malformed JSON: the request body is not valid JSON\","
                                + "\"reason\":\"INVALID_COMMAND\"}");
        assertThat(sent).isEmpty();
    }

    @Test
    void a_body_that_is_not_an_object_is_400() throws Exception {
        HttpResponse<String> response = post("/accounts/alice/deposits", "[1]", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"reason\":\"INVALID_COMMAND\"");
        assertThat(sent).isEmpty();
    }

    @Test
    void a_body_over_64_KiB_is_413() throws Exception {
        String big = "{\"amount\":\"1\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";

        HttpResponse<String> response = post("/accounts/alice/deposits", big, Map.of());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"reason\":\"PAYLOAD_TOO_LARGE\"");
        assertThat(sent).isEmpty();
    }

    @Test
    void an_open_without_an_account_id_string_is_400_and_sends_nothing() throws Exception {
        HttpResponse<String> response =
                post(
                        "/accounts",
                        "{\"accountId\":7,\"owner\":\"A\",\"currency\":\"EUR\"}",
                        Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("accountId must be a string");
        assertThat(sent).isEmpty();
    }

    @Test
    void a_malformed_if_match_is_400() throws Exception {
        HttpResponse<String> response =
                post("/accounts/alice/deposits", "{\"amount\":\"1\"}", Map.of("If-Match", "W/x"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("If-Match");
        assertThat(sent).isEmpty();
    }

    @Test
    void the_command_carries_the_key_the_path_account_and_the_expected_sequence() throws Exception {
        post(
                "/accounts/alice/withdrawals",
                "{\"amount\":\"5\"}",
                Map.of("Idempotency-Key", "pay-7", "If-Match", "\"2\""));

        assertThat(sent)
                .containsExactly(
                        "alice {\"commandId\":\"pay-7\",\"type\":\"Withdraw\",\"accountId\":\"alice\","
                                + "\"amount\":\"5\",\"expectedSequence\":2}");
    }

    @Test
    void no_outcome_in_time_is_202_pending_with_a_location() throws Exception {
        HttpResponse<String> response =
                post("/accounts/alice/close", "", Map.of("Idempotency-Key", "c-9"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValue("/commands/c-9");
        assertThat(response.body()).isEqualTo("{\"commandId\":\"c-9\",\"status\":\"PENDING\"}");
    }

    @Test
    void a_rejection_answers_its_status_reason_message_and_outcome() throws Exception {
        reply = INSUFFICIENT;

        HttpResponse<String> response =
                post("/accounts/alice/withdrawals", "{\"amount\":\"5\"}", Map.of());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body())
                .isEqualTo(
                        "{\"error\":\"balance 1.00 is less than 5.00\","
                                + "\"reason\":\"INSUFFICIENT_FUNDS\",\"outcome\":"
                                + INSUFFICIENT
                                + "}");
    }

    @Test
    void a_transfer_is_sent_from_the_source_account() throws Exception {
        reply =
                "{\"commandId\":\"t-1\",\"accountId\":\"alice\",\"status\":\"REJECTED\","
                        + "\"reason\":\"INVALID_COMMAND\",\"message\":\"unknown command type\"}";

        HttpResponse<String> response =
                post(
                        "/transfers",
                        "{\"fromAccountId\":\"alice\",\"toAccountId\":\"bob\",\"amount\":\"5\"}",
                        Map.of("Idempotency-Key", "t-1"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(sent)
                .containsExactly(
                        "alice {\"commandId\":\"t-1\",\"type\":\"Transfer\",\"accountId\":\"alice\","
                                + "\"toAccountId\":\"bob\",\"amount\":\"5\"}");
    }

    @Test
    void commands_are_503_UNAVAILABLE_while_the_ledger_is_down() throws Exception {
        up.set(false);

        HttpResponse<String> response =
                post("/accounts/alice/deposits", "{\"amount\":\"1\"}", Map.of());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"reason\":\"UNAVAILABLE\"");
        assertThat(sent).isEmpty();
    }

    @Test
    void a_command_kafka_does_not_take_is_503_UNAVAILABLE() throws Exception {
        kafkaDown = true;

        HttpResponse<String> response =
                post("/accounts/alice/deposits", "{\"amount\":\"1\"}", Map.of());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"reason\":\"UNAVAILABLE\"").doesNotContain("broker");
    }

    @Test
    void health_is_200_UP_with_details_or_503_DOWN() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/health").body()).isEqualTo("{\"status\":\"UP\",\"projectionLag\":0}");

        up.set(false);

        assertThat(get("/health").statusCode()).isEqualTo(503);
        assertThat(get("/health").body()).startsWith("{\"status\":\"DOWN\"");
    }

    @Test
    void a_bad_limit_or_as_of_is_400_before_the_store_is_asked() throws Exception {
        assertThat(get("/accounts/alice/events?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/accounts/alice/balance?asOf=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void a_request_jetty_cannot_parse_is_answered_in_json() throws Exception {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".getBytes(UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"reason\":\"BAD_REQUEST\"");
            assertThat(answer).doesNotContain("<html", "Exception");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
