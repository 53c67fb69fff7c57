package ledger.read.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging and as-of parameters: defaults, bounds, and the next page's start. */
class QueryParamsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private static List<String> events(long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(s -> "{\"accountId\":\"alice\",\"sequence\":" + s + "}")
                .collect(Collectors.toList());
    }

    @Test
    void a_limit_defaults_to_100_and_is_clamped_to_1000() {
        assertThat(QueryParams.limit(null)).isEqualTo(100);
        assertThat(QueryParams.limit("1")).isEqualTo(1);
        assertThat(QueryParams.limit("1000")).isEqualTo(1000);
        assertThat(QueryParams.limit("1001")).isEqualTo(1000);
        assertThat(QueryParams.limit("99999999999999999999999")).isEqualTo(1000);
        assertThat(QueryParams.limit("007")).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "", "ten", "1.5", "000"})
    void a_limit_below_1_or_not_an_integer_is_400(String limit) {
        assertThatThrownBy(() -> QueryParams.limit(limit))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void from_sequence_defaults_to_1_and_must_not_be_negative() {
        assertThat(QueryParams.fromSequence(null)).isEqualTo(1);
        assertThat(QueryParams.fromSequence("42")).isEqualTo(42);
        assertThatThrownBy(() -> QueryParams.fromSequence("-1")).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> QueryParams.fromSequence("x")).isInstanceOf(ApiError.class);
    }

    @Test
    void a_full_page_with_one_more_event_points_at_the_next_sequence() {
        EventPage page = EventPage.of("alice", events(1, 3), 2);

        assertThat(page.events()).isEqualTo(events(1, 2));
        assertThat(page.nextFromSequence()).isEqualTo(3L);
    }

    @Test
    void the_last_page_has_no_next_sequence() {
        assertThat(EventPage.of("alice", events(5, 6), 2).nextFromSequence()).isNull();
        assertThat(EventPage.of("alice", events(5, 5), 2).nextFromSequence()).isNull();
    }

    @Test
    void past_the_end_is_an_empty_page() {
        EventPage page = EventPage.of("alice", List.of(), 100);

        assertThat(page.toJson())
                .isEqualTo("{\"accountId\":\"alice\",\"events\":[],\"nextFromSequence\":null}");
    }

    @Test
    void a_page_embeds_the_events_as_stored() {
        String stored = "{\"accountId\":\"alice\",\"sequence\":1,\"data\":{\"amount\":\"1.50\"}}";

        assertThat(EventPage.of("alice", List.of(stored, stored.replace(":1,", ":2,")), 1).toJson())
                .isEqualTo(
                        "{\"accountId\":\"alice\",\"events\":["
                                + stored
                                + "],\"nextFromSequence\":2}");
    }

    @Test
    void as_of_is_an_iso_instant_or_now() {
        assertThat(QueryParams.asOf(null, NOW)).isEqualTo(NOW);
        assertThat(QueryParams.asOf("2026-12-04T10:00:00.123Z", NOW))
                .isEqualTo(Instant.parse("2026-12-04T10:00:00.123Z"));
        assertThat(QueryParams.asOf("2026-12-04T11:00:00+01:00", NOW)).isEqualTo(NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-12-04", "2026-12-04T10:00:00", "1733306400000"})
    void an_as_of_that_is_not_an_instant_is_400(String asOf) {
        assertThatThrownBy(() -> QueryParams.asOf(asOf, NOW))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void instants_beyond_the_range_of_milliseconds_saturate() {
        assertThat(QueryParams.epochMillis(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(QueryParams.epochMillis(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
        assertThat(QueryParams.epochMillis(NOW)).isEqualTo(NOW.toEpochMilli());
    }
}
