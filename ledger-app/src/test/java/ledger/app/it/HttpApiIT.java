package ledger.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of the contract against the whole ledger as `ledger up` runs it. */
class HttpApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    private static TestLedger ledger;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        ledger = TestLedger.start(TestLedger.settings(dir, "hashmap"));
        http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get("/health").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        ledger.close();
    }

    @Test
    void opening_an_account_is_201_with_the_outcome_and_the_opened_event() throws Exception {
        HttpResponse<String> response = open("api-open", "open-1");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("outcome"))
                .isEqualTo(
                        JSON.readTree(
                                "{\"commandId\":\"open-1\",\"accountId\":\"api-open\","
                                        + "\"status\":\"ACCEPTED\",\"sequence\":1}"));
        assertThat(body.get("events")).hasSize(1);
        JsonNode event = body.get("events").get(0);
        assertThat(event.get("type").asText()).isEqualTo("AccountOpened");
        assertThat(event.get("commandId").asText()).isEqualTo("open-1");
        assertThat(event.get("data").get("owner").asText()).isEqualTo("Owner of api-open");
    }

    @Test
    void a_repeated_idempotency_key_answers_the_first_outcome_with_one_event() throws Exception {
        open("api-idem", null);

        HttpResponse<String> first = deposit("api-idem", "10", "pay-1", null);
        HttpResponse<String> again = deposit("api-idem", "99", "pay-1", null);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(JSON.readTree(first.body()).get("events")).hasSize(1);
        JsonNode account = JSON.readTree(get("/accounts/api-idem").body());
        assertThat(account.get("balance").asText()).isEqualTo("10.00");
        assertThat(account.get("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void a_stale_if_match_is_409_CONCURRENCY_CONFLICT() throws Exception {
        open("api-match", null);
        deposit("api-match", "1", null, null);

        HttpResponse<String> stale = deposit("api-match", "1", null, "\"1\"");
        HttpResponse<String> current = deposit("api-match", "1", null, "2");

        assertThat(stale.statusCode()).isEqualTo(409);
        JsonNode error = JSON.readTree(stale.body());
        assertThat(error.get("reason").asText()).isEqualTo("CONCURRENCY_CONFLICT");
        assertThat(error.get("error").asText()).isNotBlank();
        assertThat(error.get("outcome").get("status").asText()).isEqualTo("REJECTED");
        assertThat(current.statusCode()).isEqualTo(200);
    }

    @Test
    void withdrawing_too_much_is_422_INSUFFICIENT_FUNDS_with_the_outcome() throws Exception {
        open("api-poor", null);
        deposit("api-poor", "5", null, null);

        HttpResponse<String> response =
                post("/accounts/api-poor/withdrawals", "{\"amount\":\"250\"}", "w-1", null);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("reason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(error.get("error").asText())
                .isEqualTo(error.get("outcome").get("message").asText());
        assertThat(error.get("outcome").get("commandId").asText()).isEqualTo("w-1");
        assertThat(error.get("outcome").get("reason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void rejections_map_to_their_statuses() throws Exception {
        open("api-twice", null);

        assertError(open("api-twice", null), 409, "ACCOUNT_EXISTS");
        assertError(deposit("api-nobody", "1", null, null), 404, "ACCOUNT_NOT_FOUND");
        assertError(deposit("api-twice", "-1", null, null), 400, "INVALID_AMOUNT");
        assertError(
                post(
                        "/accounts",
                        "{\"accountId\":\"api-bad\",\"owner\":\"B\",\"currency\":\"XYZ\"}",
                        null,
                        null),
                400,
                "INVALID_COMMAND");
    }

    @Test
    void errors_decided_before_any_command_have_no_outcome() throws Exception {
        HttpResponse<String> malformed = post("/accounts/x/deposits", "{\"amount\":", null, null);
        HttpResponse<String> large =
                post(
                        "/accounts/x/deposits",
                        "{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}",
                        null,
                        null);
        HttpResponse<String> nowhere = get("/no/such/path");

        assertError(malformed, 400, "INVALID_COMMAND");
        assertError(large, 413, "PAYLOAD_TOO_LARGE");
        assertError(nowhere, 404, "NOT_FOUND");
        for (HttpResponse<String> response : List.of(malformed, large, nowhere)) {
            assertThat(JSON.readTree(response.body()).has("outcome")).isFalse();
        }
    }

    @Test
    void an_account_is_read_with_its_sequence_as_etag() throws Exception {
        open("api-read", null);
        deposit("api-read", "7.5", null, null);

        HttpResponse<String> response = get("/accounts/api-read");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(
                        JSON.readTree(
                                "{\"accountId\":\"api-read\",\"owner\":\"Owner of api-read\","
                                        + "\"currency\":\"EUR\",\"balance\":\"7.50\",\"sequence\":2,"
                                        + "\"status\":\"OPEN\"}"));
        assertError(get("/accounts/api-none"), 404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void a_closed_account_shows_its_status() throws Exception {
        open("api-close", null);

        HttpResponse<String> closed = post("/accounts/api-close/close", "", null, null);

        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(closed.body()).get("events").get(0).get("type").asText())
                .isEqualTo("AccountClosed");
        assertThat(JSON.readTree(get("/accounts/api-close").body()).get("status").asText())
                .isEqualTo("CLOSED");
    }

    @Test
    void events_are_paged_oldest_first_with_the_next_sequence() throws Exception {
        open("api-pages", null);
        for (int i = 1; i <= 4; i++) {
            deposit("api-pages", String.valueOf(i), null, null);
        }

        JsonNode first = JSON.readTree(get("/accounts/api-pages/events?limit=2").body());
        JsonNode second =
                JSON.readTree(get("/accounts/api-pages/events?fromSequence=3&limit=2").body());
        JsonNode last = JSON.readTree(get("/accounts/api-pages/events?fromSequence=5").body());
        JsonNode past = JSON.readTree(get("/accounts/api-pages/events?fromSequence=9").body());

        assertThat(sequences(first)).containsExactly(1L, 2L);
        assertThat(first.get("nextFromSequence").asLong()).isEqualTo(3);
        assertThat(first.get("accountId").asText()).isEqualTo("api-pages");
        assertThat(sequences(second)).containsExactly(3L, 4L);
        assertThat(second.get("nextFromSequence").asLong()).isEqualTo(5);
        assertThat(sequences(last)).containsExactly(5L);
        assertThat(last.get("nextFromSequence").isNull()).isTrue();
        assertThat(sequences(past)).isEmpty();
        assertThat(past.get("nextFromSequence").isNull()).isTrue();
        assertThat(get("/accounts/api-pages/events?limit=0").statusCode()).isEqualTo(400);
        assertError(get("/accounts/api-nobody/events"), 404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void the_balance_as_of_an_instant_is_after_the_last_event_at_or_before_it() throws Exception {
        open("api-asof", null);
        deposit("api-asof", "10", null, null);
        Thread.sleep(20);
        deposit("api-asof", "5", null, null);
        List<JsonNode> events = new ArrayList<>();
        JSON.readTree(get("/accounts/api-asof/events").body()).get("events").forEach(events::add);
        assertThat(events).hasSize(3);

        Instant opened = Instant.parse(events.get(0).get("occurredAt").asText());
        assertError(
                get("/accounts/api-asof/balance?asOf=" + opened.minusMillis(1)),
                404,
                "ACCOUNT_NOT_FOUND");
        for (JsonNode event : events) {
            Instant at = Instant.parse(event.get("occurredAt").asText());
            JsonNode expected = lastAtOrBefore(events, at);
            JsonNode balance = JSON.readTree(get("/accounts/api-asof/balance?asOf=" + at).body());
            assertThat(balance.get("accountId").asText()).isEqualTo("api-asof");
            assertThat(Instant.parse(balance.get("asOf").asText())).isEqualTo(at);
            assertThat(balance.get("sequence").asLong())
                    .isEqualTo(expected.get("sequence").asLong());
            assertThat(balance.get("balance").asText()).isEqualTo(balanceAfter(expected));
        }
        JsonNode now =
                JSON.readTree(get("/accounts/api-asof/balance?asOf=9999-01-01T00:00:00Z").body());
        assertThat(now.get("balance").asText()).isEqualTo("15.00");
        assertThat(now.get("sequence").asLong()).isEqualTo(3);
        assertThat(get("/accounts/api-asof/balance?asOf=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void a_command_outcome_is_read_back_by_its_id() throws Exception {
        HttpResponse<String> opened = open("api-cmd", "cmd-1");
        JsonNode outcome = JSON.readTree(opened.body()).get("outcome");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/commands/cmd-1").statusCode() == 200);

        assertThat(JSON.readTree(get("/commands/cmd-1").body())).isEqualTo(outcome);
        assertError(get("/commands/never-sent"), 404, "COMMAND_NOT_FOUND");
    }

    @Test
    void a_transfer_is_answered_with_the_ledgers_outcome() throws Exception {
        open("api-from", null);

        HttpResponse<String> response =
                post(
                        "/transfers",
                        "{\"fromAccountId\":\"api-from\",\"toAccountId\":\"api-to\",\"amount\":\"1\"}",
                        "t-1",
                        null);

        assertThat(JSON.readTree(response.body()).path("outcome").path("commandId").asText())
                .isEqualTo("t-1");
    }

    @Test
    void health_is_200_UP() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }

    private static void assertError(HttpResponse<String> response, int status, String reason)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("reason").asText()).isEqualTo(reason);
        assertThat(body.get("error").asText()).isNotBlank();
    }

    private static List<Long> sequences(JsonNode page) {
        List<Long> sequences = new ArrayList<>();
        page.get("events").forEach(event -> sequences.add(event.get("sequence").asLong()));
        return sequences;
    }

    private static JsonNode lastAtOrBefore(List<JsonNode> events, Instant at) {
        JsonNode last = null;
        for (JsonNode event : events) {
            if (!Instant.parse(event.get("occurredAt").asText()).isAfter(at)) {
                last = event;
            }
        }
        return last;
    }

    private static String balanceAfter(JsonNode event) {
        return event.get("data").has("balance")
                ? event.get("data").get("balance").asText()
                : "0.00";
    }

    private static HttpResponse<String> open(String accountId, String key) throws Exception {
        return post(
                "/accounts",
                "{\"accountId\":\"%s\",\"owner\":\"Owner of %s\",\"currency\":\"EUR\"}"
                        .formatted(accountId, accountId),
                key,
                null);
    }

    private static HttpResponse<String> deposit(
            String accountId, String amount, String key, String ifMatch) throws Exception {
        return post(
                "/accounts/" + accountId + "/deposits",
                "{\"amount\":\"" + amount + "\"}",
                key,
                ifMatch);
    }

    private static HttpResponse<String> post(String path, String body, String key, String ifMatch)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(ledger.apiUrl() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(ledger.apiUrl() + path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
