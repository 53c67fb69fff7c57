package ledger.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import ledger.domain.AccountEvent;
import ledger.domain.AccountEvent.AccountClosed;
import ledger.domain.AccountEvent.AccountOpened;
import ledger.domain.AccountEvent.MoneyDeposited;
import ledger.domain.AccountEvent.MoneyWithdrawn;
import ledger.domain.AccountEvent.TransferCredited;
import ledger.domain.AccountEvent.TransferDebited;
import ledger.domain.AccountEvent.TransferRefunded;
import ledger.domain.Money;
import ledger.domain.Reason;
import ledger.domain.RecordedEvent;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON of the event log: exact field names and formats, and every schema version ever read. */
class EventCodecTest {

    private static final long AT = Instant.parse("2026-12-04T10:00:00.123Z").toEpochMilli();

    /** One event of every type, keyed by its type: the coverage test below keeps this complete. */
    private static final Map<Class<? extends AccountEvent>, RecordedEvent> FIXTURES =
            Map.of(
                    AccountOpened.class,
                    new RecordedEvent("alice", 1, "c-41", AT, new AccountOpened("Alice", "EUR")),
                    MoneyDeposited.class,
                    new RecordedEvent(
                            "alice", 2, "c-42", AT, new MoneyDeposited(eur(10000), eur(10000))),
                    MoneyWithdrawn.class,
                    new RecordedEvent(
                            "alice", 3, "c-43", AT + 1, new MoneyWithdrawn(eur(2550), eur(7450))),
                    TransferDebited.class,
                    new RecordedEvent(
                            "alice",
                            5,
                            "t-1",
                            AT + 3,
                            new TransferDebited("t-1", "bob", eur(1000), eur(6450))),
                    TransferCredited.class,
                    new RecordedEvent(
                            "bob",
                            7,
                            "t-1",
                            AT + 4,
                            new TransferCredited("t-1", "alice", eur(1000), eur(1000))),
                    TransferRefunded.class,
                    new RecordedEvent(
                            "alice",
                            6,
                            "t-2",
                            AT + 5,
                            new TransferRefunded(
                                    "t-2",
                                    "nobody",
                                    eur(500),
                                    eur(6450),
                                    Reason.ACCOUNT_NOT_FOUND)),
                    AccountClosed.class,
                    new RecordedEvent("alice", 4, "c-44", AT + 2, new AccountClosed()));

    /** Events written by hand, as a version-1 writer put them in the log. */
    private static final String VERSION_1_OPENED =
            """
            {"eventId":"fb899ae9-928d-3e1c-9a42-73c1684f08a6","accountId":"alice","sequence":1,
             "type":"AccountOpened","schemaVersion":1,"commandId":"c-41",
             "occurredAt":"2026-12-04T10:00:00.123Z","data":{"owner":"Alice","currency":"EUR"}}
            """;

    private static final String VERSION_1_DEPOSITED =
            """
            {
              "eventId": "8eff5575-ce25-399d-aa41-aa3fb8ed07ff",
              "accountId": "alice",
              "sequence": 2,
              "type": "MoneyDeposited",
              "schemaVersion": 1,
              "commandId": "c-42",
              "occurredAt": "2026-12-04T10:00:00.123Z",
              "data": {"amount": "100.00", "balance": "100.00"}
            }
            """;

    /** Same format, fields in another order: a reader must not depend on the order. */
    private static final String VERSION_1_WITHDRAWN_REORDERED =
            """
            {"data":{"balance":"74.50","amount":"25.50"},"occurredAt":"2026-12-04T10:00:00.124Z",
             "commandId":"c-43","schemaVersion":1,"type":"MoneyWithdrawn","sequence":3,
             "accountId":"alice","eventId":"00000000-0000-3000-8000-000000000000"}
            """;

    private static final String VERSION_1_DEBITED =
            """
            {"eventId":"00000000-0000-3000-8000-000000000005","accountId":"alice","sequence":5,
             "type":"TransferDebited","schemaVersion":1,"commandId":"t-1",
             "occurredAt":"2026-12-04T10:00:00.126Z",
             "data":{"transferId":"t-1","toAccountId":"bob","amount":"10.00","balance":"64.50"}}
            """;

    private static final String VERSION_1_CREDITED =
            """
            {"eventId":"00000000-0000-3000-8000-000000000007","accountId":"bob","sequence":7,
             "type":"TransferCredited","schemaVersion":1,"commandId":"t-1",
             "occurredAt":"2026-12-04T10:00:00.127Z",
             "data":{"transferId":"t-1","fromAccountId":"alice","amount":"10.00","balance":"10.00"}}
            """;

    private static final String VERSION_1_REFUNDED =
            """
            {"eventId":"00000000-0000-3000-8000-000000000006","accountId":"alice","sequence":6,
             "type":"TransferRefunded","schemaVersion":1,"commandId":"t-2",
             "occurredAt":"2026-12-04T10:00:00.128Z",
             "data":{"transferId":"t-2","toAccountId":"nobody","amount":"5.00","balance":"64.50",
                     "reason":"ACCOUNT_NOT_FOUND"}}
            """;

    private static final String VERSION_1_CLOSED =
            """
            {"eventId":"a0000000-0000-3000-8000-000000000004","accountId":"alice","sequence":4,
             "type":"AccountClosed","schemaVersion":1,"commandId":"c-44",
             "occurredAt":"2026-12-04T10:00:00.125Z","data":{}}
            """;

    static Stream<Named<RecordedEvent>> events() {
        Stream<Named<RecordedEvent>> fixtures =
                FIXTURES.values().stream()
                        .map(e -> Named.of(e.event().getClass().getSimpleName(), e));
        Stream<Named<RecordedEvent>> more =
                Stream.of(
                        Named.of(
                                "a yen deposit (no fraction digits)",
                                new RecordedEvent(
                                        "bob",
                                        2,
                                        "c-1",
                                        AT,
                                        new MoneyDeposited(new Money(500, 0), new Money(500, 0)))),
                        Named.of(
                                "a dinar withdrawal to zero (three fraction digits)",
                                new RecordedEvent(
                                        "carol",
                                        9,
                                        "c-2",
                                        AT,
                                        new MoneyWithdrawn(new Money(125, 3), new Money(0, 3)))),
                        Named.of(
                                "the largest balance",
                                new RecordedEvent(
                                        "dave",
                                        Long.MAX_VALUE,
                                        "c:3",
                                        0,
                                        new MoneyDeposited(
                                                new Money(Money.LIMIT - 1, 2),
                                                new Money(Money.LIMIT - 1, 2)))),
                        Named.of(
                                "an owner with quotes, escapes and emoji",
                                new RecordedEvent(
                                        "erin",
                                        1,
                                        "c-4",
                                        AT,
                                        new AccountOpened("Zoë \"Z\" \\ Ünal 😀", "BHD"))));
        return Stream.concat(fixtures, more);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void an_event_decodes_to_the_event_it_was_encoded_from(RecordedEvent recorded) {
        assertThat(EventCodec.decode(EventCodec.encode(recorded))).isEqualTo(recorded);
    }

    @Test
    void every_event_type_has_a_round_trip_fixture() {
        assertThat(List.<Class<?>>copyOf(FIXTURES.keySet()))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.asList(AccountEvent.class.getPermittedSubclasses()));
        FIXTURES.forEach((type, recorded) -> assertThat(recorded.event()).isInstanceOf(type));
    }

    @Test
    void a_deposit_is_written_exactly_as_the_contract_example() {
        RecordedEvent recorded = FIXTURES.get(MoneyDeposited.class);

        assertThat(text(EventCodec.encode(recorded)))
                .isEqualTo(
                        "{\"eventId\":\""
                                + recorded.eventId()
                                + "\",\"accountId\":\"alice\",\"sequence\":2,"
                                + "\"type\":\"MoneyDeposited\",\"schemaVersion\":1,"
                                + "\"commandId\":\"c-42\","
                                + "\"occurredAt\":\"2026-12-04T10:00:00.123Z\","
                                + "\"data\":{\"amount\":\"100.00\",\"balance\":\"100.00\"}}");
    }

    @Test
    void every_event_type_writes_its_data_with_the_contract_field_names() {
        assertThat(text(EventCodec.encode(FIXTURES.get(AccountOpened.class))))
                .endsWith(
                        "\"type\":\"AccountOpened\",\"schemaVersion\":1,\"commandId\":\"c-41\","
                                + "\"occurredAt\":\"2026-12-04T10:00:00.123Z\","
                                + "\"data\":{\"owner\":\"Alice\",\"currency\":\"EUR\"}}");
        assertThat(text(EventCodec.encode(FIXTURES.get(MoneyWithdrawn.class))))
                .endsWith(
                        "\"type\":\"MoneyWithdrawn\",\"schemaVersion\":1,\"commandId\":\"c-43\","
                                + "\"occurredAt\":\"2026-12-04T10:00:00.124Z\","
                                + "\"data\":{\"amount\":\"25.50\",\"balance\":\"74.50\"}}");
        assertThat(text(EventCodec.encode(FIXTURES.get(AccountClosed.class))))
                .endsWith(
                        "\"type\":\"AccountClosed\",\"schemaVersion\":1,\"commandId\":\"c-44\","
                                + "\"occurredAt\":\"2026-12-04T10:00:00.125Z\",\"data\":{}}");
    }

    @Test
    void amounts_and_balances_are_canonical_strings_with_the_currency_fraction_digits() {
        RecordedEvent euros =
                new RecordedEvent("alice", 2, "c-1", AT, new MoneyDeposited(eur(10050), eur(1)));
        RecordedEvent yen =
                new RecordedEvent(
                        "bob", 2, "c-1", AT, new MoneyDeposited(new Money(7, 0), new Money(0, 0)));
        RecordedEvent dinars =
                new RecordedEvent(
                        "carol",
                        2,
                        "c-1",
                        AT,
                        new MoneyWithdrawn(new Money(7500, 3), new Money(0, 3)));

        assertThat(text(EventCodec.encode(euros)))
                .endsWith("\"data\":{\"amount\":\"100.50\",\"balance\":\"0.01\"}}");
        assertThat(text(EventCodec.encode(yen)))
                .endsWith("\"data\":{\"amount\":\"7\",\"balance\":\"0\"}}");
        assertThat(text(EventCodec.encode(dinars)))
                .endsWith("\"data\":{\"amount\":\"7.500\",\"balance\":\"0.000\"}}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2026-12-04T10:00:00.000Z",
                "2026-12-04T10:00:00.100Z",
                "2026-12-04T23:59:59.999Z",
                "1970-01-01T00:00:00.000Z",
                "2024-02-29T00:00:00.001Z"
            })
    void occurred_at_is_utc_with_exactly_three_millisecond_digits(String instant) {
        RecordedEvent recorded =
                new RecordedEvent(
                        "alice",
                        4,
                        "c-1",
                        Instant.parse(instant).toEpochMilli(),
                        new AccountClosed());

        assertThat(text(EventCodec.encode(recorded)))
                .contains("\"occurredAt\":\"" + instant + "\"");
    }

    @Test
    void the_event_id_is_a_name_based_uuid_of_account_and_sequence() {
        RecordedEvent recorded = FIXTURES.get(MoneyDeposited.class);
        String json = text(EventCodec.encode(recorded));
        String eventId = json.substring("{\"eventId\":\"".length(), json.indexOf("\",\""));

        UUID uuid = UUID.fromString(eventId);
        assertThat(uuid.toString()).isEqualTo(eventId);
        assertThat(uuid.version()).isIn(3, 5);
        assertThat(uuid).isEqualTo(recorded.eventId());
        assertThat(new RecordedEvent("alice", 2, "other", AT + 5, new AccountClosed()).eventId())
                .as("the same account and sequence")
                .isEqualTo(uuid);
        assertThat(new RecordedEvent("alice", 3, "c-42", AT, recorded.event()).eventId())
                .as("another sequence")
                .isNotEqualTo(uuid);
        assertThat(new RecordedEvent("bob", 2, "c-42", AT, recorded.event()).eventId())
                .as("another account")
                .isNotEqualTo(uuid);
    }

    static Stream<Arguments> versionOneTexts() {
        return Stream.of(
                arguments(named("AccountOpened", VERSION_1_OPENED), AccountOpened.class),
                arguments(named("MoneyDeposited", VERSION_1_DEPOSITED), MoneyDeposited.class),
                arguments(
                        named("MoneyWithdrawn, fields reordered", VERSION_1_WITHDRAWN_REORDERED),
                        MoneyWithdrawn.class),
                arguments(named("TransferDebited", VERSION_1_DEBITED), TransferDebited.class),
                arguments(named("TransferCredited", VERSION_1_CREDITED), TransferCredited.class),
                arguments(named("TransferRefunded", VERSION_1_REFUNDED), TransferRefunded.class),
                arguments(named("AccountClosed", VERSION_1_CLOSED), AccountClosed.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionOneTexts")
    void a_hand_written_version_1_event_is_still_read(
            String text, Class<? extends AccountEvent> type) {
        RecordedEvent decoded = EventCodec.decode(text.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded).isEqualTo(FIXTURES.get(type));
    }

    @Test
    void the_hand_written_version_1_fixtures_cover_every_event_type() {
        List<Object> types = versionOneTexts().map(arguments -> arguments.get()[1]).toList();

        assertThat(types)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.asList(AccountEvent.class.getPermittedSubclasses()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2", "0", "-1", "99", "null"})
    void an_unknown_schema_version_is_refused(String version) {
        String text =
                VERSION_1_DEPOSITED.replace(
                        "\"schemaVersion\": 1", "\"schemaVersion\": " + version);

        assertThatThrownBy(() -> EventCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemaVersion");
    }

    @Test
    void an_event_without_a_schema_version_is_refused() {
        String text = VERSION_1_DEPOSITED.replace("\"schemaVersion\": 1,", "");

        assertThatThrownBy(() -> EventCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemaVersion");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"true", "\"1\"", "1.9"})
    void a_schema_version_that_is_not_the_integer_1_is_refused(String version) {
        String text =
                VERSION_1_DEPOSITED.replace(
                        "\"schemaVersion\": 1", "\"schemaVersion\": " + version);

        assertThatThrownBy(() -> EventCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemaVersion");
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"accountId", "sequence", "commandId", "owner", "currency"})
    void an_event_missing_a_required_field_is_refused(String field) {
        String text = VERSION_1_OPENED.replace("\"" + field + "\":", "\"ignored-" + field + "\":");

        assertThatThrownBy(() -> EventCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_unknown_event_type_is_refused() {
        String text = VERSION_1_DEPOSITED.replace("\"MoneyDeposited\"", "\"MoneyConjured\"");

        assertThatThrownBy(() -> EventCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MoneyConjured");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "[]", "null", "\"event\""})
    void a_record_that_is_not_a_json_object_is_refused(String text) {
        assertThatThrownBy(() -> EventCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Money eur(long cents) {
        return new Money(cents, 2);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
