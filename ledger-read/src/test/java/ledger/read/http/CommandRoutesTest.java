package ledger.read.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the command routes decide on their own: when the read store has caught up, and where. */
class CommandRoutesTest {

    @Test
    void the_read_store_holds_an_outcome_once_it_shows_the_event_with_its_sequence() {
        String event = "{\"accountId\":\"alice\",\"sequence\":2}";

        assertThat(CommandRoutes.holds(List.of(event), "alice", 2)).isTrue();
        assertThat(CommandRoutes.holds(List.of(event), "alice", 3)).isFalse();
        assertThat(CommandRoutes.holds(List.of(event), "bob", 2)).isFalse();
        assertThat(CommandRoutes.holds(List.of(), "alice", 2)).isFalse();
    }

    @Test
    void a_pending_command_is_located_under_commands() {
        assertThat(CommandRoutes.location("c-42:7")).isEqualTo("/commands/c-42%3A7");
        assertThat(CommandRoutes.location("a b/c")).isEqualTo("/commands/a%20b%2Fc");
    }
}
